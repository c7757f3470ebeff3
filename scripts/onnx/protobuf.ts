/**
 * A minimal protocol-buffers writer (proto2 wire format): enough to serialise the ONNX messages the sample
 * model needs. Fields are written in the order they are added; the output is deterministic.
 */

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const LENGTH_DELIMITED = 2;

/** Encodes a non-negative integer (up to 2^53) as a base-128 varint. */
export function varint(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint: ${value} is not a non-negative safe integer`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** One protobuf message under construction. */
export class Message {
  private readonly parts: Buffer[] = [];

  /** An integer field (int32, int64, enum), written as a varint. */
  int(field: number, value: number): this {
    this.parts.push(varint(field * 8 + VARINT), varint(value));
    return this;
  }

  /** A string field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, "utf8"));
  }

  /** A bytes field. */
  bytes(field: number, value: Buffer): this {
    this.parts.push(varint(field * 8 + LENGTH_DELIMITED), varint(value.length), value);
    return this;
  }

  /** An embedded message field. */
  message(field: number, value: Message): this {
    return this.bytes(field, value.encode());
  }

  /** A repeated integer field, unpacked (one field per value, as proto2 writes `repeated int64 dims`). */
  ints(field: number, values: readonly number[]): this {
    for (const value of values) this.int(field, value);
    return this;
  }

  /** The encoded message. */
  encode(): Buffer {
    return Buffer.concat(this.parts);
  }
}
