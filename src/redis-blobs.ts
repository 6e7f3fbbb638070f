import type { RedisClient } from './redis.js';

/** Large enough that a typical form or email is one read, small enough to keep the parser's buffer small. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a stored email or file in 1 MB pieces. ioredis's reply parser (redis-parser) assembles a large reply
 * in a shared buffer pool sized at three times the reply and shrinks it only slowly: one 16 MB GET held a
 * 49 MB pool in the worker. Read in pieces, the pool stays near 3 MB. Blobs are written once and never
 * changed, so the pieces agree; a blob that expires part-way reads as missing.
 */
export async function readBlob(redis: RedisClient, key: string): Promise<Buffer | null> {
  const size = await redis.strlen(key);
  if (size <= CHUNK_BYTES) return redis.getBuffer(key);
  const blob = Buffer.allocUnsafe(size);
  for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
    const piece = await redis.getrangeBuffer(key, offset, Math.min(offset + CHUNK_BYTES, size) - 1);
    if (piece.length !== Math.min(CHUNK_BYTES, size - offset)) return null;
    piece.copy(blob, offset);
  }
  return blob;
}
