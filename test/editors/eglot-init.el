;;; eglot-init.el --- IMR Final Determination Letters in Emacs 28+ with eglot: the README's
;;; configuration, verbatim (test/editors/eglot.test.ts runs it).  -*- lexical-binding: t -*-
(require 'eglot)
(define-derived-mode imr-mode text-mode "IMR")
(add-to-list 'auto-mode-alist '("\\.imr\\.txt\\'" . imr-mode))
(add-to-list 'eglot-server-programs '(imr-mode . ("imr-language-server" "--stdio")))
(add-hook 'imr-mode-hook #'eglot-ensure)
;; Answered to the server's workspace/configuration requests.
(setq-default eglot-workspace-configuration
              '(:imrDetermination (:validate (:chapterMismatch "error"))))
