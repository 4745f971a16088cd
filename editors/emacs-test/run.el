;;; run.el --- headless Emacs + eglot test of editors/emacs/labc.el against the real `labc lsp'  -*- lexical-binding: t -*-
;; A .lab file with two mistakes gets labc check's diagnostics through eglot and flymake, the
;; quick fix for the misspelt name applies, and a let is renamed with its uses. Run by editors/test.sh:
;;   LABC=/path/to/labc VIM_TEST_OUT=FILE emacs --batch -Q -L editors/emacs -l editors/emacs-test/run.el
;; Writes `ok - ' / `not ok - ' lines, then `N passed, M failed', to $VIM_TEST_OUT.

;; Emacs 29 has eglot built in; Debian 12's Emacs 28 gets it from the elpa-eglot package, which
;; -Q leaves off the load-path until the package system is initialised.
(unless (require 'eglot nil t)
  (require 'package)
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
  (package-initialize)
  (require 'eglot))
(require 'flymake)
(require 'labc)

(defvar labc-test--out nil)
(defvar labc-test--passed 0)
(defvar labc-test--failed 0)

(defun labc-test--check (name ok why)
  (if ok
      (progn (setq labc-test--passed (1+ labc-test--passed))
             (push (concat "ok - emacs eglot: " name) labc-test--out))
    (setq labc-test--failed (1+ labc-test--failed))
    (push (concat "not ok - emacs eglot: " name) labc-test--out)
    (push (concat "  " (format "%S" why)) labc-test--out)))

(defun labc-test--wait (pred seconds)
  "Wait until PRED holds, at most SECONDS, serving the server's messages and timers meanwhile."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall pred)))

(condition-case err
    (let* ((dir (file-name-as-directory (make-temp-file "labc-emacs" t)))
           (file (expand-file-name "cluster.lab" dir)))
      (setq labc-program (list (getenv "LABC") "lsp"))
      (with-temp-file file (insert "node head {\n  adress = \"10.0.1.10\"\n}\n"))
      (find-file file)
      (labc-test--check "labc-mode for .lab files" (eq major-mode 'labc-mode) major-mode)
      (eglot '(labc-mode) (cons 'transient dir) 'eglot-lsp-server labc-program "lab")
      (labc-test--wait (lambda () (>= (length (flymake-diagnostics)) 2)) 60)
      (let* ((diags (flymake-diagnostics))
             (texts (mapcar #'flymake-diagnostic-text diags)))
        (labc-test--check "diagnostics for a .lab file (the misspelt and the missing address)"
                          (and (= (length diags) 2)
                               (seq-some (lambda (s) (string-match-p "has no attribute `adress`" s)) texts)
                               (seq-some (lambda (s) (string-match-p "needs `address`" s)) texts))
                          texts))
      ;; The quick fix, asked for as eglot does: the server's diagnostics for the line go back with it.
      (let* ((server (eglot-current-server))
             (actions (jsonrpc-request server :textDocument/codeAction
                                       (list :textDocument (eglot--TextDocumentIdentifier)
                                             :range (list :start (list :line 1 :character 0) :end (list :line 1 :character 8))
                                             :context (list :diagnostics
                                                            (vconcat (mapcar (lambda (d) (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))
                                                                             (flymake-diagnostics)))))))
             (fix (seq-find (lambda (a) (equal (plist-get a :title) "Change to `address`")) actions)))
        (labc-test--check "a quick fix is offered for did you mean `address`" fix (mapcar (lambda (a) (plist-get a :title)) actions))
        (when fix (eglot--apply-workspace-edit (plist-get fix :edit)))
        (labc-test--check "the quick fix applies" (string= (buffer-string) "node head {\n  address = \"10.0.1.10\"\n}\n")
                          (buffer-string)))
      ;; A rename, as eglot-rename sends it: the let and its uses, not the comment.
      (save-buffer)
      (find-file (expand-file-name "rename.lab" dir))
      (insert "let lan = 10.0.1.0/24\n// lan\nnode head {\n  address = cidrhost(lan, 10)\n}\n")
      (save-buffer)
      (labc-test--wait (lambda () (eglot-current-server)) 30)
      (let ((edit (jsonrpc-request (eglot-current-server) :textDocument/rename
                                   (list :textDocument (eglot--TextDocumentIdentifier)
                                         :position (list :line 0 :character 5) :newName "net"))))
        (eglot--apply-workspace-edit edit)
        (labc-test--check "a rename of a let and its uses"
                          (string= (buffer-string) "let net = 10.0.1.0/24\n// lan\nnode head {\n  address = cidrhost(net, 10)\n}\n")
                          (buffer-string)))
      (ignore-errors (eglot-shutdown (eglot-current-server)))
      (set-buffer-modified-p nil)
      (delete-directory dir t))
  (error (labc-test--check "no Lisp error" nil err)))

(push (format "%d passed, %d failed" labc-test--passed labc-test--failed) labc-test--out)
(write-region (concat (mapconcat #'identity (nreverse labc-test--out) "\n") "\n") nil (getenv "VIM_TEST_OUT") t)
(kill-emacs 0)
