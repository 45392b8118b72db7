/**
 * The nREPL server's bencode codec (src/inspector/host/nrepl/bencode.ts):
 * a message decodes the same whatever the chunks it arrives in, and the
 * decoder refuses, as soon as it can tell, what a peer must not make it
 * hold or parse.
 */
import { describe, expect, it } from 'vitest';
import { BencodeDecoder, encode, type Bencoded } from '../../../src/inspector/host/nrepl/bencode.js';

const LIMITS = { maxMessage: 1024, maxDepth: 4 };

function decodeAll(chunks: Buffer[], limits = LIMITS): { messages: Bencoded[]; errors: string[] } {
  const messages: Bencoded[] = [];
  const errors: string[] = [];
  const d = new BencodeDecoder(limits, (m) => messages.push(m), (e) => errors.push(e));
  for (const c of chunks) d.push(c);
  return { messages, errors };
}

describe('bencode', () => {
  const message = { op: 'eval', code: '(println "héllo")', id: 7, list: ['a', -3, { nested: [] }] };

  it('encodes dictionaries with sorted keys, strings by their UTF-8 length', () => {
    expect(encode({ b: 1, a: 'é' }).toString()).toBe('d1:a2:é1:bi1ee');
  });

  it('decodes a stream of messages the same, in one chunk or byte by byte', () => {
    const bytes = Buffer.concat([encode(message), encode('x'), encode(42)]);
    const whole = decodeAll([bytes]);
    const bytewise = decodeAll([...bytes].map((b) => Buffer.from([b])));
    expect(whole).toEqual({ messages: [message, 'x', 42], errors: [] });
    expect(bytewise).toEqual(whole);
  });

  it('refuses garbage, a message or string over the limit, deep nesting, and takes nothing after', () => {
    expect(decodeAll([Buffer.from('hello')]).errors).toHaveLength(1);
    expect(decodeAll([Buffer.from('i12x')]).errors).toHaveLength(1);
    expect(decodeAll([Buffer.from('i01e')]).errors).toHaveLength(1);
    expect(decodeAll([Buffer.from('5000:')]).errors).toEqual(['a message over 1024 bytes']);
    expect(decodeAll([Buffer.from(`l${'i1e'.repeat(400)}e`)]).errors).toEqual(['a message over 1024 bytes']);
    expect(decodeAll([Buffer.from('lllll')]).errors).toEqual(['nesting deeper than 4']);
    expect(decodeAll([Buffer.from('di1ei2ee')]).errors).toEqual(['a dictionary key that is not a string']);
    expect(decodeAll([Buffer.from('e')]).errors).toHaveLength(1);
    const after = decodeAll([Buffer.from('x'), encode('fine')]);
    expect(after.messages).toEqual([]);
  });

  it('counts each message on its own: many small messages pass a limit their sum exceeds', () => {
    const many = Buffer.concat(Array.from({ length: 100 }, () => encode({ op: 'describe' })));
    expect(decodeAll([many], { maxMessage: 64, maxDepth: 4 }).messages).toHaveLength(100);
  });

  it('keeps keys like __proto__ as data', () => {
    const { messages } = decodeAll([Buffer.from('d9:__proto__i1ee')]);
    expect(Object.getPrototypeOf(messages[0])).toBeNull();
    expect((messages[0] as Record<string, Bencoded>).__proto__).toBe(1);
  });
});
