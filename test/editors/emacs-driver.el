;;; emacs-driver.el --- drives Emacs for test/editors/emacs.test.ts  -*- lexical-binding: t -*-

;; Loaded with -l after the README's init.el in `emacs --batch': opens the report as a user would,
;; waits for the server's diagnostics, hovers a label, and writes what Emacs shows to $RESULTS as
;; JSON ({"error": ...} on failure; then exits 1). Every wait is bounded by $EVENT_TIMEOUT_S and
;; polls with accept-process-output, which reads the server's messages; nothing waits for a fixed
;; time.

(require 'json)
(require 'flymake)
(require 'url-parse)

(defvar im-timeout (string-to-number (getenv "EVENT_TIMEOUT_S")))
(defvar im-published nil
  "The files eglot has handled published diagnostics for: the server also publishes the gazetteer's.")

;; Observes eglot's handling of published diagnostics, once the README's configuration has loaded
;; eglot (autoloaded by `eglot-ensure').
(with-eval-after-load 'eglot
  (cl-defmethod eglot-handle-notification :after
    (_server (_method (eql textDocument/publishDiagnostics)) &key uri &allow-other-keys)
    (push (file-truename (url-unhex-string (url-filename (url-generic-parse-url uri)))) im-published)))

(defun im-wait (what done)
  "Process input until DONE returns non-nil; fail after `im-timeout' seconds waiting for WHAT."
  (let ((deadline (+ (float-time) im-timeout)))
    (while (not (funcall done))
      (when (> (float-time) deadline)
        (error "No %s within %d s" what im-timeout))
      (accept-process-output nil 0.05))))

(defun im-command-loop-turn ()
  "What Emacs's command loop does after each command, which batch mode never runs.
`eglot-ensure' connects, and flymake starts checking, from `post-command-hook'."
  (run-hooks 'post-command-hook))

(defun im-utf16-column (pos)
  "The column of POS as the CLI counts it: UTF-16 code units, from 1."
  (save-excursion
    (goto-char pos)
    (1+ (/ (length (encode-coding-string
                    (buffer-substring-no-properties (line-beginning-position) pos) 'utf-16le))
           2))))

(defun im-diagnostic (diagnostic)
  "DIAGNOSTIC as flymake shows it: where, its type (the severity's face) and its text."
  (let ((beg (flymake-diagnostic-beg diagnostic))
        (end (flymake-diagnostic-end diagnostic)))
    (list :line (line-number-at-pos beg) :column (im-utf16-column beg)
          :endLine (line-number-at-pos end) :endColumn (im-utf16-column end)
          :type (symbol-name (flymake-diagnostic-type diagnostic))
          :text (flymake-diagnostic-text diagnostic))))

(defun im-hover ()
  "The hover text eglot gives eldoc at point, as eldoc would ask for it."
  (let (answered text)
    (eglot-hover-eldoc-function (lambda (info &rest _) (setq answered t text info)))
    (im-wait "hover" (lambda () answered))
    (and text (substring-no-properties text))))

(defun im-run ()
  (find-file (getenv "REPORT"))
  (unless (eq major-mode 'markdown-mode)
    (error "The report opened in %s, not markdown-mode" major-mode))
  (im-command-loop-turn)
  ;; Eglot waits for the server's answer to initialize for `eglot-sync-connect' seconds (3), then
  ;; goes on connecting in the background: on a slow machine the session comes later.
  (im-wait "eglot session for the report" #'eglot-current-server)
  (im-wait "diagnostics" (lambda () (member (file-truename buffer-file-name) im-published)))
  ;; The user's next command: flymake, deferred until then, takes eglot's diagnostics.
  (im-command-loop-turn)
  (let ((diagnostics (mapcar #'im-diagnostic (flymake-diagnostics))))
    (goto-char (point-min))
    (search-forward (getenv "HOVER_TARGET"))
    (goto-char (match-beginning 0))
    (let ((hover (im-hover)))
      (eglot-shutdown (eglot-current-server))
      (list :emacs emacs-version
            :eglot (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))
            :diagnostics (vconcat diagnostics)
            :hover hover))))

(defun im-write (object)
  (let ((coding-system-for-write 'utf-8-unix))
    (with-temp-file (getenv "RESULTS")
      (insert (json-encode object)))))

(defun im-server-stderr ()
  "What the server wrote to its stderr, for a failure's message."
  (let ((server (ignore-errors (eglot-current-server))))
    (if server
        (with-current-buffer (jsonrpc-stderr-buffer server) (buffer-string))
      "(no server)")))

(condition-case err
    (progn
      (im-write (im-run))
      (kill-emacs 0))
  (error
   (im-write (list :error (format "%s\nserver stderr:\n%s"
                                  (error-message-string err) (im-server-stderr))))
   (kill-emacs 1)))

;;; emacs-driver.el ends here
