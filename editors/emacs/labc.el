;;; labc.el --- .lab files and `labc lsp' through eglot  -*- lexical-binding: t -*-

;; A small major mode for labc's .lab language (comments, two-space indent by braces) and its
;; language server through eglot (built into Emacs 29; Debian 12's Emacs 28 has it as elpa-eglot).
;; Use: (add-to-list 'load-path "/path/to/labc/editors/emacs") (require 'labc)
;; Tested headless with Debian's Emacs and eglot: editors/emacs-test/run.el.

;;; Code:

(defgroup labc nil "labc's .lab language." :group 'languages)

(defcustom labc-program '("labc" "lsp")
  "The language server command: labc's `lsp' subcommand."
  :type '(repeat string))

(defun labc--indent-line ()
  "Indent the line two columns per open bracket before it, as `labc fmt' lays it out.
Heredoc text is not told apart yet: indenting it moves it (Vim's indent/lab.vim keeps it)."
  (let ((depth (save-excursion (car (syntax-ppss (line-beginning-position)))))
        (closers (save-excursion
                   (back-to-indentation)
                   (let ((n 0))
                     (while (memq (char-after) '(?\} ?\] ?\)))
                       (setq n (1+ n))
                       (forward-char))
                     n))))
    (indent-line-to (* 2 (max 0 (- depth closers))))))

(defvar labc-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" st)
    (modify-syntax-entry ?* ". 23" st)
    (modify-syntax-entry ?\n "> b" st)
    (modify-syntax-entry ?# "< b" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?- "_" st)
    st)
  "Syntax of .lab files: // and # line comments, /* */ blocks; `-' and `_' in names.")

;;;###autoload
(define-derived-mode labc-mode prog-mode "Lab"
  "Major mode for labc's .lab files."
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local indent-tabs-mode nil)
  (setq-local indent-line-function #'labc--indent-line))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.lab\\'" . labc-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs `(labc-mode . ,(lambda (&rest _) labc-program))))

(provide 'labc)
;;; labc.el ends here
