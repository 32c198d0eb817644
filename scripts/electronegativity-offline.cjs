// Preloaded into Electronegativity's process by check-security.cjs: its two network calls
// (updated translations, Electron's release list) fail at once instead of going online. The
// check is then the same on every machine, and Node 24 no longer trips over the HTTP client's
// retry timer (an uncaught "onCancel handler was attached after the promise settled").
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: network disabled for the security check'));
    return Object.assign(offline, { get: offline, head: offline, post: offline });
  }
  return load.call(this, request, parent, isMain);
};
