import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every folder the run creates lives under one temp root, removed at the end whatever happened. */
export class TempDirs {
  private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-bench-'));
  private made = 0;

  make(label: string): string {
    const dir = path.join(this.root, `${String(++this.made).padStart(2, '0')}-${label}`);
    fs.mkdirSync(dir);
    return dir;
  }

  removeAll(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
