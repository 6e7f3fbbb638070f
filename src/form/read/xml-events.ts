import { SaxesParser } from 'saxes';
import { UnreadableFileError } from './read-errors.js';

export interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

// By local name, so prefixed and Strict OOXML parts read alike; a DOCTYPE (the XML bomb's vehicle) is refused.
export function parseXml(xml: string, handlers: XmlHandlers): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml)) {
    throw new UnreadableFileError('FILE_XML_BOMB', 'DOCTYPE in a spreadsheet part');
  }
  // Line and column tracking costs on every character and would only name where a broken part breaks.
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    // Without xmlns, saxes gives plain string attributes: only a prefixed name needs a copy under its local name.
    const given = tag.attributes as Record<string, string>;
    let attributes = given;
    for (const key in given) {
      if (key.includes(':')) {
        attributes = {};
        for (const name in given) attributes[localName(name)] = given[name]!;
        break;
      }
    }
    handlers.open?.(localName(tag.name), attributes);
  });
  // saxes reports a close for self-closing tags too, so every open has exactly one close.
  parser.on('closetag', (tag) => handlers.close?.(localName(tag.name)));
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.on('doctype', () => {
    throw new UnreadableFileError('FILE_XML_BOMB', 'DOCTYPE in a spreadsheet part');
  });
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('FILE_CORRUPT', `XML: ${(error as Error).message.slice(0, 120)}`);
  }
}
