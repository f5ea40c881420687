;;; eglot-collect.el --- drives eglot-init.el headless and writes what Emacs got as JSON  -*- lexical-binding: t -*-
;; emacs --batch -Q -l eglot-collect.el   with IMR_INIT (the configuration to load), IMR_FILE (a letter
;; named *.imr.txt), IMR_OUT (result file), IMR_WANT_DIAGNOSTICS (how many findings to wait for).
;; Result: { mode, diagnostics: [{line, type, text}] (flymake's view), published (the last
;; publishDiagnostics as received), symbols, error }.
;; -Q skips Debian's site-start: put the packaged elpa folders (eglot, project, xref...) on load-path.
(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p d) (add-to-list 'load-path d)))
(require 'json)
(load (getenv "IMR_INIT") nil t)

(defvar imr-published nil)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest args)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq imr-published (plist-get args :diagnostics)))))

(defun imr-wait (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall pred)))

(let ((want (string-to-number (or (getenv "IMR_WANT_DIAGNOSTICS") "1")))
      (result (list :mode nil)))
  (condition-case err
      (progn
        (find-file (getenv "IMR_FILE"))
        (setq result (plist-put result :mode (symbol-name major-mode)))
        ;; eglot-ensure connects from post-command-hook, which a batch session never runs by itself.
        (run-hooks 'post-command-hook)
        (unless (imr-wait (lambda () (eglot-current-server)) 20) (error "eglot did not connect"))
        (imr-wait (lambda () (>= (length (flymake-diagnostics)) want)) 20)
        (setq result (plist-put result :diagnostics
                                (vconcat (mapcar (lambda (d)
                                                   (list :line (line-number-at-pos (flymake-diagnostic-beg d))
                                                         :type (symbol-name (flymake-diagnostic-type d))
                                                         :text (flymake-diagnostic-text d)))
                                                 (flymake-diagnostics)))))
        (setq result (plist-put result :published (or imr-published [])))
        (setq result (plist-put result :symbols
                                (jsonrpc-request (eglot-current-server) :textDocument/documentSymbol
                                                 (list :textDocument (eglot--TextDocumentIdentifier)))))
        (ignore-errors (eglot-shutdown (eglot-current-server))))
    (error (setq result (plist-put result :error (format "%S" err)))))
  (with-temp-file (getenv "IMR_OUT")
    (insert (json-serialize result :null-object nil :false-object :json-false)))
  (kill-emacs 0))
