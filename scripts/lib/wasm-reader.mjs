// Reads the WebAssembly binary format as far as the size report and the import/export renaming
// need: unsigned LEB128 numbers, names, and the sections' bounds.

export class WasmReader {
  constructor(bytes) {
    if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
    this.bytes = bytes;
    this.at = 8; // past the magic number and the version
  }

  leb() {
    let result = 0, shift = 0, byte;
    do {
      byte = this.bytes[this.at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }

  text() {
    const n = this.leb();
    const s = this.bytes.toString("utf8", this.at, this.at + n);
    this.at += n;
    return s;
  }

  /** One import's description (what follows its two names), as bytes; `.kind` 0 is a function. */
  importDescription() {
    const start = this.at;
    const kind = this.bytes[this.at++];
    if (kind === 0) this.leb(); // function: its type
    else if (kind === 1) { this.at++; const flags = this.leb(); this.leb(); if (flags & 1) this.leb(); } // table
    else if (kind === 2) { const flags = this.leb(); this.leb(); if (flags & 1) this.leb(); } // memory
    else if (kind === 3) this.at += 2; // global: type, mutability
    else if (kind === 4) { this.at++; this.leb(); } // tag
    else throw new Error(`unknown import kind ${kind}`);
    return Object.assign(this.bytes.subarray(start, this.at), { kind });
  }

  /** Every section as `{ id, start, end }` (its body's bounds); leaves `at` at the end. */
  sections() {
    const out = [];
    while (this.at < this.bytes.length) {
      const id = this.bytes[this.at++];
      const size = this.leb();
      out.push({ id, start: this.at, end: this.at + size });
      this.at += size;
    }
    return out;
  }
}
