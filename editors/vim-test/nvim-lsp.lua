-- Headless Neovim test of editors/vim/lua/labc.lua against the real `labc lsp`: a .lab file with
-- two mistakes gets labc check's diagnostics (codes and the "did you mean" hint) and a quick fix
-- for the misspelling, a let is renamed with its uses, and formatting lays a badly indented file
-- out as `labc fmt` does.
-- Run by editors/test.sh:  nvim --headless -u NONE -i NONE -n -c 'luafile editors/vim-test/nvim-lsp.lua'
-- with LABC (the labc to run) and VIM_TEST_OUT set. Writes `ok - ` / `not ok - ` lines, then `N passed, M failed`.
local editors = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h")
local out, passed, failed = {}, 0, 0
local function check(name, ok, why)
  if ok then
    passed = passed + 1
    table.insert(out, "ok - nvim lsp: " .. name)
  else
    failed = failed + 1
    table.insert(out, "not ok - nvim lsp: " .. name)
    table.insert(out, "  " .. tostring(why))
  end
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(editors .. "/vim")
  vim.cmd("filetype plugin on")
  require("labc").setup({ cmd = { os.getenv("LABC"), "lsp" } })
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")

  vim.cmd("edit " .. dir .. "/cluster.lab")
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { "node head {", '  adress = "10.0.1.10"', "}" })
  vim.cmd("silent write")
  local got = vim.wait(60000, function() return #vim.diagnostic.get(0) >= 2 end, 100)
  local diags = vim.diagnostic.get(0)
  local codes, hint = {}, false
  for _, d in ipairs(diags) do
    table.insert(codes, tostring(d.code))
    if d.message:find("did you mean `address`", 1, true) then hint = true end
  end
  table.sort(codes)
  check("diagnostics for a .lab file (E0209 unknown attribute, E0210 missing address)",
    got and table.concat(codes, " ") == "E0209 E0210", "got " .. vim.inspect(diags))
  check("the did-you-mean hint is in the message", hint, vim.inspect(diags))

  -- The quick fix for the misspelt name, as an editor asks for it: the diagnostics go back to the server.
  local lsp_diags = {}
  for _, d in ipairs(diags) do
    table.insert(lsp_diags, { message = d.message, code = d.code, severity = d.severity,
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } } })
  end
  local ca = { textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } },
    context = { diagnostics = lsp_diags } }
  local titles, applied = {}, false
  for _, a in pairs(vim.lsp.buf_request_sync(0, "textDocument/codeAction", ca, 30000) or {}) do
    for _, action in ipairs(a.result or {}) do
      table.insert(titles, action.title)
      if action.title == "Change to `address`" then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = true
      end
    end
  end
  local fixed = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  check("a quick fix: did you mean `address`", applied and fixed == 'node head {\n  address = "10.0.1.10"\n}',
    "actions " .. vim.inspect(titles) .. ", text " .. fixed)

  -- A rename: the let and its uses, not the comment.
  vim.cmd("edit " .. dir .. "/rename.lab")
  vim.api.nvim_buf_set_lines(0, 0, -1, false,
    { "let lan = 10.0.1.0/24", "// lan", "node head {", "  address = cidrhost(lan, 10)", "}" })
  vim.cmd("silent write")
  vim.wait(60000, function() return #vim.lsp.buf_get_clients(0) > 0 end, 100)
  local rp = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 0, character = 5 }, newName = "net" }
  for _, a in pairs(vim.lsp.buf_request_sync(0, "textDocument/rename", rp, 30000) or {}) do
    if a.result then vim.lsp.util.apply_workspace_edit(a.result, "utf-16") end
  end
  local renamed = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  check("a rename of a let and its uses", renamed == 'let net = 10.0.1.0/24\n// lan\nnode head {\n  address = cidrhost(net, 10)\n}', renamed)

  vim.cmd("edit " .. dir .. "/fmt.lab")
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { "node head {", 'address="10.0.1.10"', "}" })
  vim.cmd("silent write")
  vim.wait(60000, function() return #vim.lsp.buf_get_clients(0) > 0 end, 100)
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, options = { tabSize = 2, insertSpaces = true } }
  local answers = vim.lsp.buf_request_sync(0, "textDocument/formatting", params, 30000) or {}
  for _, a in pairs(answers) do
    if a.result then vim.lsp.util.apply_text_edits(a.result, 0, "utf-16") end
  end
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  check("formatting lays the file out as labc fmt does", text == 'node head {\n  address = "10.0.1.10"\n}', text)
end)
if not ok then check("no Lua error", false, err) end

table.insert(out, string.format("%d passed, %d failed", passed, failed))
vim.fn.writefile(out, os.getenv("VIM_TEST_OUT"), "a")
vim.cmd("qall!")
