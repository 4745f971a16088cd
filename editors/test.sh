#!/usr/bin/env bash
# Editor support tests, run by scripts/test after the Maven build:
#  - TextMate grammars (editors/vscode/syntaxes) tokenised by the real vscode-textmate and
#    vscode-oniguruma against golden scope snapshots (editors/textmate-test/run.js);
#  - Vim syntax (editors/vim) loaded in Debian's headless Vim, groups checked with synIDattr
#    (editors/vim-test/run.vim);
#  - Vim and Neovim indentation: gg=G on every example keeps (and restores) `labc fmt`'s layout
#    (editors/vim-test/indent.vim), and heredoc escapes as the compiler reads them
#    (editors/vim-test/heredoc.vim, editors/tests/heredoc-escapes.tsv), in headless Vim and Neovim;
#  - Neovim (Debian's 0.7) with editors/vim/lua/labc.lua and the real `labc lsp`: diagnostics and
#    formatting (editors/vim-test/nvim-lsp.lua), when cli/target/labc.jar is built;
#  - Emacs with eglot and editors/emacs/labc.el against the real `labc lsp`: diagnostics and a
#    quick fix (editors/emacs-test/run.el), when cli/target/labc.jar is built.
# UPDATE_SNAPSHOTS=1 rewrites the TextMate snapshots (and fails: review the diff, rerun).
# Exits non-zero on any failure; the last line is always "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"

passed=0
failed=0
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Adds a runner's "N passed, M failed" to the totals; a runner that died without one counts as a failure.
tally() { # name exit-code output-file
  local line
  line=$(tail -n 1 "$3" 2>/dev/null || true)
  if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    if [[ $2 -ne 0 && ${BASH_REMATCH[2]} -eq 0 ]]; then failed=$((failed + 1)); echo "not ok - $1 exited $2"; fi
  else
    failed=$((failed + 1))
    echo "not ok - $1 did not finish (exit $2)"
  fi
  [[ $2 -eq 0 ]] || status=1
}

# ---- TextMate
if ! command -v node >/dev/null; then
  echo "not ok - textmate: node is not installed"
  failed=$((failed + 1)); status=1
else
  if [[ ! -d textmate-test/node_modules/vscode-textmate || ! -d textmate-test/node_modules/vscode-oniguruma ]]; then
    echo "editors/test.sh: installing textmate-test dependencies (npm ci)"
    (cd textmate-test && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) >"$work/npm.log" 2>&1 \
      || { cat "$work/npm.log"; echo "not ok - textmate: npm ci failed (npm registry or cache needed once)"; }
  fi
  if [[ -d textmate-test/node_modules/vscode-textmate ]]; then
    node textmate-test/run.js >"$work/textmate.out" 2>&1
    rc=$?
    cat "$work/textmate.out"
    tally textmate "$rc" "$work/textmate.out"
  else
    failed=$((failed + 1)); status=1
  fi
fi

# ---- Vim
vim_bin=$(command -v vim || command -v vim.nox || command -v vim.basic || true)
if [[ -z $vim_bin ]]; then
  echo "not ok - vim: vim is not installed (scripts/install-deps installs vim-nox)"
  failed=$((failed + 1)); status=1
else
  : >"$work/vim.out"
  VIM_TEST_OUT="$work/vim.out" timeout 120 "$vim_bin" -Nu NONE -i NONE -n -es -S vim-test/run.vim </dev/null >"$work/vim.stdout" 2>&1
  rc=$?
  cat "$work/vim.out"
  [[ $rc -eq 0 ]] || cat "$work/vim.stdout"
  tally vim "$rc" "$work/vim.out"
fi

# ---- Indentation (Vim and Neovim): the examples must be in labc fmt's layout for it to be the reference.
labc_jar=../cli/target/labc.jar
if [[ -f $labc_jar ]]; then
  if LABC_NO_BUILD=1 ../labc fmt --check ../examples/*/cluster.lab >"$work/fmt.out" 2>&1; then
    passed=$((passed + 1)); echo "ok - the examples are in labc fmt's layout"
  else
    failed=$((failed + 1)); status=1; echo "not ok - the examples are not in labc fmt's layout"; cat "$work/fmt.out"
  fi
else
  echo "# labc fmt --check skipped: cli/target/labc.jar is not built"
fi
# ---- Indentation and heredoc escapes (the table the compiler's test reads too), in Vim and Neovim.
nvim_bin=$(command -v nvim || true)
for editor in vim nvim; do
  bin=$vim_bin; [[ $editor == nvim ]] && bin=$nvim_bin
  if [[ -z $bin ]]; then
    echo "not ok - $editor is not installed (scripts/install-deps installs vim-nox and neovim)"
    failed=$((failed + 1)); status=1; continue
  fi
  for script in indent heredoc; do
    : >"$work/$script.out"
    VIM_TEST_OUT="$work/$script.out" timeout 120 "$bin" -Nu NONE -i NONE -n -es -S "vim-test/$script.vim" </dev/null >"$work/$script.stdout" 2>&1
    rc=$?
    cat "$work/$script.out"
    [[ $rc -eq 0 ]] || cat "$work/$script.stdout"
    tally "$script ($editor)" "$rc" "$work/$script.out"
  done
done

# ---- Neovim and the real `labc lsp` (editors/vim/lua/labc.lua): diagnostics and formatting.
if [[ -n $nvim_bin && -f $labc_jar ]]; then
  : >"$work/nvim-lsp.out"
  LABC_NO_BUILD=1 LABC="$(cd .. && pwd)/labc" VIM_TEST_OUT="$work/nvim-lsp.out" timeout 180 "$nvim_bin" --headless -u NONE -i NONE -n \
    -c 'luafile vim-test/nvim-lsp.lua' </dev/null >"$work/nvim-lsp.stdout" 2>&1
  rc=$?
  cat "$work/nvim-lsp.out"
  [[ $rc -eq 0 ]] || cat "$work/nvim-lsp.stdout"
  tally "nvim lsp" "$rc" "$work/nvim-lsp.out"
else
  echo "# nvim lsp skipped: needs nvim and cli/target/labc.jar"
fi

# ---- Emacs and eglot with editors/emacs/labc.el and the real `labc lsp`: diagnostics and a quick fix.
emacs_bin=$(command -v emacs || true)
if [[ -n $emacs_bin && -f $labc_jar ]]; then
  : >"$work/emacs.out"
  LABC_NO_BUILD=1 LABC="$(cd .. && pwd)/labc" VIM_TEST_OUT="$work/emacs.out" timeout 180 "$emacs_bin" --batch -Q -L emacs \
    -l emacs-test/run.el </dev/null >"$work/emacs.stdout" 2>&1
  rc=$?
  cat "$work/emacs.out"
  [[ $rc -eq 0 ]] || tail -20 "$work/emacs.stdout"
  tally "emacs eglot" "$rc" "$work/emacs.out"
else
  echo "# emacs eglot skipped: needs emacs (scripts/install-deps: emacs-nox, elpa-eglot) and cli/target/labc.jar"
fi

echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
