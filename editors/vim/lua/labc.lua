-- labc's language server in Neovim 0.7 and later, with no plugin: require("labc").setup().
-- Starts `labc lsp` for `lab` buffers, one client for them all. Neovim 0.8+ has vim.lsp.start,
-- which does that itself; 0.7 (Debian 12's) needs vim.lsp.start_client and buf_attach_client.
-- Tested headless with Debian's Neovim: editors/vim-test/nvim-lsp.lua.
local M = {}

local client_id

--- opts.cmd: the server command (default { "labc", "lsp" }); opts.root_dir (default: the cwd).
function M.setup(opts)
  opts = opts or {}
  local config = {
    name = "labc",
    cmd = opts.cmd or { "labc", "lsp" },
  }
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "lab",
    group = vim.api.nvim_create_augroup("labc_lsp", { clear = true }),
    callback = function(args)
      config.root_dir = opts.root_dir or vim.fn.getcwd()
      if vim.lsp.start then
        vim.lsp.start(config) -- attaches the current buffer, reusing a running labc client
        return
      end
      if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client(config)
      end
      if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
    end,
  })
end

return M
