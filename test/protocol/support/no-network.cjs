/**
 * Preload (`node --require no-network.cjs ...`) that records every attempt to
 * reach the network: TCP and IPC socket connects (net.Socket.prototype.connect,
 * which net.connect, http, https, tls and fetch all go through), UDP sockets
 * (dgram send/connect/bind), http(s).request/get, fetch, and DNS lookups and
 * resolutions. Each attempt is appended as one JSON line to the file named by
 * IMR_NETWORK_LOG, with the call's name and a stack; the call then proceeds as
 * usual (this records, it does not block). A first line `{"loaded":pid}` shows
 * that the preload ran in the process at all.
 */
'use strict';
const fs = require('node:fs');

const LOG = process.env.IMR_NETWORK_LOG;
if (!LOG) throw new Error('no-network.cjs: set IMR_NETWORK_LOG to the file that records network calls');

function record(call, detail) {
  const stack = (new Error().stack || '').split('\n').slice(2, 8).map((s) => s.trim());
  // Hosts and ports only: nothing a caller passes as payload is written.
  fs.appendFileSync(LOG, JSON.stringify({ pid: process.pid, call, detail, stack }) + '\n');
}

function wrap(owner, name, label, describe) {
  const original = owner[name];
  if (typeof original !== 'function') return;
  owner[name] = function wrapped(...args) {
    let detail = '';
    try {
      detail = describe ? describe(args) : '';
    } catch {
      detail = '?';
    }
    record(label, detail);
    return original.apply(this, args);
  };
}

const where = (args) => {
  const a = args[0];
  if (Array.isArray(a)) return where(a);
  if (a && typeof a === 'object') return String(a.path ?? `${a.host ?? a.hostname ?? ''}:${a.port ?? ''}`);
  return `${String(a)}${args[1] !== undefined && typeof args[1] !== 'function' ? `:${String(args[1])}` : ''}`;
};

const net = require('node:net');
wrap(net.Socket.prototype, 'connect', 'net.Socket.connect', where);

const dgram = require('node:dgram');
for (const m of ['send', 'connect', 'bind']) {
  wrap(dgram.Socket.prototype, m, `dgram.Socket.${m}`, (args) => (m === 'send' ? `${String(args[args.length - 2] ?? '')}` : where(args)));
}

for (const mod of ['http', 'https']) {
  const m = require(`node:${mod}`);
  for (const fn of ['request', 'get']) {
    wrap(m, fn, `${mod}.${fn}`, (args) => (typeof args[0] === 'string' || args[0] instanceof URL ? new URL(String(args[0])).host : where(args)));
  }
}

const dns = require('node:dns');
for (const fn of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'reverse']) {
  wrap(dns, fn, `dns.${fn}`, (args) => String(args[0]));
  if (dns.promises) wrap(dns.promises, fn, `dns.promises.${fn}`, (args) => String(args[0]));
}

if (typeof globalThis.fetch === 'function') {
  wrap(globalThis, 'fetch', 'fetch', (args) => {
    try {
      return new URL(String(args[0] && args[0].url ? args[0].url : args[0])).host;
    } catch {
      return '?';
    }
  });
}

fs.appendFileSync(LOG, JSON.stringify({ loaded: process.pid }) + '\n');
