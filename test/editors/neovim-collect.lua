-- Run after test/editors/neovim-init.lua has opened a letter (`nvim -u neovim-init.lua FILE -c 'luafile
-- neovim-collect.lua'`): waits for vim.diagnostic to hold the server's findings, asks for the symbols,
-- and writes { filetype, clients, diagnostics, symbols } as JSON to IMR_OUT.
local encode = vim.json and vim.json.encode or vim.fn.json_encode
local out = assert(os.getenv('IMR_OUT'), 'IMR_OUT is not set')
local want = tonumber(os.getenv('IMR_WANT_DIAGNOSTICS') or '1')
local bufnr = vim.api.nvim_get_current_buf()
local result = { filetype = vim.bo[bufnr].filetype }
local ok, err = pcall(function()
  vim.wait(20000, function() return #vim.diagnostic.get(bufnr) >= want end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, severity = d.severity, code = d.code, source = d.source })
  end
  local clients = vim.lsp.buf_get_clients(bufnr)
  result.clients = {}
  for _, c in pairs(clients) do table.insert(result.clients, c.name) end
  local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params() }, 20000)
  for _, r in pairs(resp or {}) do result.symbols = r.result end
end)
if not ok then result.error = tostring(err) end
local f = assert(io.open(out, 'w'))
f:write(encode(result), '\n')
f:close()
vim.cmd('qall!')
