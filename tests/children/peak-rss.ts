// Loaded with `node --import` ahead of a command under test: when the process exits, it writes its peak
// resident memory (bytes) to the file named by EVENTFOLD_PEAK_RSS_FILE, for tests of memory use.
import fs from 'node:fs';

const file = process.env.EVENTFOLD_PEAK_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes, on Linux and macOS alike.
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
