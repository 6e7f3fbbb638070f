import { describe, expect, it } from 'vitest';
import { isPrivateAddress, mayScrape } from './scrape-access.js';

describe('who may scrape /metrics', () => {
  it('knows loopback and private networks from public addresses', () => {
    for (const ip of ['127.0.0.1', '10.2.3.4', '172.16.0.1', '172.31.255.255', '192.168.1.1', '::1', '::ffff:10.0.0.1', 'fd12:3456::1'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'not an ip']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('with a token, wants the token wherever the scraper is', () => {
    expect(mayScrape('s3cret-token-1234', 'Bearer s3cret-token-1234', '8.8.8.8')).toBe(true);
    expect(mayScrape('s3cret-token-1234', 'Bearer wrong', '127.0.0.1')).toBe(false);
    expect(mayScrape('s3cret-token-1234', undefined, '127.0.0.1')).toBe(false);
  });

  it('without a token, lets in only the private network', () => {
    expect(mayScrape(null, undefined, '10.0.0.5')).toBe(true);
    expect(mayScrape(null, 'Bearer anything', '8.8.8.8')).toBe(false);
  });
});
