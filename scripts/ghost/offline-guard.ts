/**
 * A preload script for the Ghost process that refuses every outgoing
 * connection except to loopback addresses. Test servers must not reach
 * the internet, yet some Ghost code does even with `privacy.useTinfoil`
 * (for example a geolocation lookup when a login needs an emailed code).
 * Refusing at once also saves the seconds Ghost would spend timing out.
 *
 * The error code is one HTTP clients do not retry on, so a refused call
 * fails straight away. Each refusal is written to stderr, so it shows up
 * in the site's log.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const GUARD_SOURCE = String.raw`'use strict';
const net = require('node:net');
const dns = require('node:dns');

function isLoopback(host) {
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^(::ffff:)?127\./.test(h);
}

function refusal(host) {
  const err = new Error('offline test server: connection to ' + host + ' refused by the harness');
  err.code = 'EHARNESSOFFLINE';
  return err;
}

function report(host) {
  process.stderr.write('[offline-guard] refused connection to ' + host + '\n');
}

// The host a Socket#connect call targets, or undefined for a Unix socket.
function targetHost(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === 'object') return first.path ? undefined : first.host || 'localhost';
  if (typeof first === 'number' || /^\d+$/.test(String(first))) return typeof args[1] === 'string' ? args[1] : 'localhost';
  return undefined;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = targetHost(args);
  if (host !== undefined && !isLoopback(host)) {
    report(host);
    process.nextTick(() => this.destroy(refusal(host)));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  if (!isLoopback(hostname)) {
    const done = typeof options === 'function' ? options : callback;
    report(hostname);
    process.nextTick(() => done(refusal(hostname)));
    return {};
  }
  return lookup.apply(this, arguments);
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, ...rest) {
  if (!isLoopback(hostname)) {
    report(hostname);
    return Promise.reject(refusal(hostname));
  }
  return promisesLookup.call(this, hostname, ...rest);
};

// Ghost 5 removes a theme's temporary download zip as soon as it starts streaming it
// (ThemeStorage's downloadTheme, in its finally). On a loaded machine the removal can win
// the race with the stream opening the file, and the unhandled ENOENT ends the server. A
// production Ghost is restarted by its process manager; a test server is not, so this one
// survives that one error, and says so in its log. The request fails and the client retries.
const os = require('node:os');
process.on('uncaughtException', (err) => {
  const file = String((err && err.path) || '');
  if (err && err.code === 'ENOENT' && file.startsWith(os.tmpdir()) && file.endsWith('.zip')) {
    process.stderr.write('[harness] Ghost lost its temporary theme zip mid-download (a known race): ' + err.message + '\n');
    return;
  }
  process.stderr.write((err && err.stack) || String(err));
  process.exit(1);
});
`

/** Writes the guard into `dir` and returns its path, for `node --require`. */
export function writeOfflineGuard(dir: string): string {
  const file = join(dir, 'offline-guard.cjs')
  writeFileSync(file, GUARD_SOURCE)
  return file
}
