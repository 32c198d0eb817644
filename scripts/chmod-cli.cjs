// The CLI is a bin entry: make the compiled file executable (tsc does not).
const fs = require('node:fs');
const cli = require('node:path').join(__dirname, '..', 'dist', 'node', 'src-main', 'cli.js');
if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
