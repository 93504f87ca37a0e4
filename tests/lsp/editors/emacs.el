;; Emacs (28+, eglot, yaml-mode) trial of docs/lsp.md: RECIPE=path/to/recipe.yaml
;;   emacs --batch -l tests/lsp/editors/emacs.el
;; Opens the recipe with the set-up of emacs-init.el (the one of docs/lsp.md), prints the
;; diagnostics, applies the first code action at the first one, waits for the diagnostics to
;; change and asks a hover.
(load-file (expand-file-name "emacs-init.el" (file-name-directory load-file-name)))
(find-file (getenv "RECIPE"))
(run-hooks 'post-command-hook)  ; batch Emacs has no command loop: eglot-ensure starts here
(defun trial-wait (predicate)
  (let ((tries 0))
    (while (and (< tries 300) (not (funcall predicate)))
      (accept-process-output nil 0.1)
      (setq tries (1+ tries)))))
(trial-wait #'eglot-current-server)
(message "server: %S" (and (eglot-current-server) (eglot--project-nickname (eglot-current-server))))
(trial-wait #'flymake-diagnostics)
(setq trial-before (length (flymake-diagnostics)))
(dolist (d (flymake-diagnostics))
  (message "diagnostic: line %d %S %s" (line-number-at-pos (flymake-diagnostic-beg d))
           (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
(goto-char (flymake-diagnostic-beg (car (flymake-diagnostics))))
(let* ((server (eglot-current-server))
       (actions (jsonrpc-request server :textDocument/codeAction
                                 (list :textDocument (eglot--TextDocumentIdentifier)
                                       :range (list :start (eglot--pos-to-lsp-position)
                                                    :end (eglot--pos-to-lsp-position))
                                       :context (list :diagnostics [])))))
  (message "actions: %S" (mapcar (lambda (a) (plist-get a :title)) actions))
  (eglot--apply-workspace-edit (plist-get (aref actions 0) :edit))
  (eglot--signal-textDocument/didChange))  ; batch Emacs is never idle: send the change now
(trial-wait (lambda () (< (length (flymake-diagnostics)) trial-before)))
(message "diagnostics after the first action: %d (before: %d)" (length (flymake-diagnostics)) trial-before)
(goto-char (point-min))
(when (search-forward "about:" nil t) (backward-char 3))
(let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
  (message "hover: %s" (plist-get (plist-get hover :contents) :value)))
(kill-emacs 0)
