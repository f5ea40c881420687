// A minimal LSP client over postMessage, loaded by page.html. It starts the server bundle in a
// Web Worker, sends requests and notifications, answers the server's own requests the way a
// plain editor would, and records everything the server sends.
(function () {
  'use strict';
  const worker = new Worker('/browserServer.js', { name: 'imr-language-server' });
  const pending = new Map();
  let nextId = 1;
  const lsp = {
    /** Notifications from the server, in order: { method, params }. */
    notifications: [],
    /** Requests from the server, in order: { method, params }. */
    serverRequests: [],
    /** Uncaught errors of the worker. */
    workerErrors: [],
    /** Answers to the server's workspace/configuration items, by section (default null). */
    configuration: {},
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        worker.postMessage({ jsonrpc: '2.0', id, method, params });
      });
    },
    notify(method, params) {
      worker.postMessage({ jsonrpc: '2.0', method, params });
    },
    /** Resolves with the first notification (from `from` on) of `method` that `test` accepts. */
    waitForNotification(method, test, from) {
      let seen = from || 0;
      return new Promise((resolve) => {
        const check = () => {
          for (; seen < lsp.notifications.length; seen++) {
            const n = lsp.notifications[seen];
            if (n.method === method && (!test || test(n.params))) {
              listeners.delete(check);
              resolve(n.params);
              return;
            }
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
  const listeners = new Set();

  function answerServer(message) {
    lsp.serverRequests.push({ method: message.method, params: message.params });
    let result = null;
    if (message.method === 'workspace/configuration') {
      result = message.params.items.map((item) => (item.section in lsp.configuration ? lsp.configuration[item.section] : null));
    }
    worker.postMessage({ jsonrpc: '2.0', id: message.id, result });
  }

  worker.onmessage = (event) => {
    const message = event.data;
    if (message.id !== undefined && message.method === undefined) {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result);
    } else if (message.id !== undefined) {
      answerServer(message);
    } else {
      lsp.notifications.push({ method: message.method, params: message.params });
      for (const listener of [...listeners]) listener();
    }
  };
  worker.onerror = (event) => {
    lsp.workerErrors.push(String(event.message || event));
  };
  window.lsp = lsp;
})();
