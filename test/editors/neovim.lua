-- Drives the IMR language server from headless Neovim's built-in LSP client (Neovim 0.7+:
-- vim.lsp.start_client + vim.lsp.buf_attach_client) and writes what Neovim received as JSON.
--
--   IMR_LSP_CMD='["node","/abs/dist/server.js","--stdio"]' IMR_FILE=/abs/letter.txt IMR_OUT=/abs/out.json \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/editors/neovim.lua'
--
-- Environment:
--   IMR_LSP_CMD   JSON array, the server's command line (required)
--   IMR_FILE      absolute path of the letter to open (required)
--   IMR_OUT       where the JSON result goes (required: Neovim's own stdout is its UI channel)
--   IMR_SETTINGS  JSON object given as the client's `settings` (optional)
--   IMR_SETTINGS_VIA  how the settings reach the server (Neovim 0.7 declares no workspace/configuration
--                 capability, so by default the server never asks):
--                   push          on_init sends workspace/didChangeConfiguration, as nvim-lspconfig does
--                   configuration the client declares workspace.configuration, the server asks and
--                                 Neovim's own handler answers from `settings` (null for an unset section)
--   IMR_EDIT      "LINE_TEXT=>REPLACEMENT": after the first diagnostics, replace the first occurrence
--                 of LINE_TEXT in the buffer (typed in Neovim, sent as an incremental didChange), then
--                 wait for the diagnostics of the new version and ask for the symbols again (optional)
--   IMR_TIMEOUT   milliseconds to wait for each step (default 20000)
--
-- The result: { ok, nvim, steps[], capabilities, symbols, published[], diagnostics (vim.diagnostic's
-- view), after_edit = { symbols, published, diagnostics }, logs[], server_exit, error }.
local encode = vim.json and vim.json.encode or vim.fn.json_encode
local decode = vim.json and vim.json.decode or vim.fn.json_decode

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local out_path = assert(env('IMR_OUT'), 'IMR_OUT is not set')
local timeout = tonumber(env('IMR_TIMEOUT', '20000'))
local v = vim.version()
local result = { ok = false, nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), steps = {}, published = {}, logs = {} }

local function step(name, extra)
  local s = extra or {}
  s.step = name
  table.insert(result.steps, s)
end

local function write_result()
  local f = assert(io.open(out_path, 'w'))
  f:write(encode(result), '\n')
  f:close()
end

-- vim.diagnostic's view of the buffer: what a user of Neovim sees.
local function buffer_diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
                         code = d.code, source = d.source, message = d.message })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local ok, err = pcall(function()
  local cmd = decode((assert(env('IMR_LSP_CMD'), 'IMR_LSP_CMD is not set')))
  local file = assert(env('IMR_FILE'), 'IMR_FILE is not set')
  local settings = env('IMR_SETTINGS') and decode((env('IMR_SETTINGS'))) or nil
  local uri = vim.uri_from_fname(file)
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']

  local via = env('IMR_SETTINGS_VIA', 'none')
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if via == 'configuration' then capabilities.workspace.configuration = true end
  result.asked = {}
  local default_configuration = vim.lsp.handlers['workspace/configuration']

  local client_id = vim.lsp.start_client({
    name = 'imr',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':h'),
    settings = settings,
    capabilities = capabilities,
    on_init = function(c)
      if via == 'push' then c.notify('workspace/didChangeConfiguration', { settings = c.config.settings }) end
    end,
    handlers = {
      -- Recorded, then handed to Neovim's own handler, which fills vim.diagnostic.
      ['textDocument/publishDiagnostics'] = function(e, params, ctx, config)
        if params and params.uri == uri then
          table.insert(result.published, { version = params.version, diagnostics = params.diagnostics })
        end
        return default_publish(e, params, ctx, config)
      end,
      -- Recorded, then answered by Neovim's own handler.
      ['workspace/configuration'] = function(e, params, ctx, config)
        local answer = default_configuration(e, params, ctx, config)
        table.insert(result.asked, { items = params.items, answer = answer })
        return answer
      end,
      ['window/logMessage'] = function(_, params)
        table.insert(result.logs, { type = params.type, message = params.message })
      end,
    },
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client returned nil')

  vim.cmd('silent edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].readonly = false -- a headless Neovim may open the file read-only; the edit below must not warn
  vim.bo[bufnr].filetype = 'imr' -- becomes the languageId of didOpen
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  local client
  assert(vim.wait(timeout, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 10), 'the server did not finish initialize')
  step('initialized')
  local caps = client.server_capabilities or client.resolved_capabilities
  result.capabilities = { documentSymbolProvider = caps.documentSymbolProvider ~= nil and caps.documentSymbolProvider ~= false,
                          diagnosticProvider = caps.diagnosticProvider ~= nil }

  assert(vim.wait(timeout, function() return #result.published > 0 end, 10), 'no publishDiagnostics for the letter')
  step('publishDiagnostics', { count = #result.published[1].diagnostics })

  local params = { textDocument = { uri = uri } }
  local function symbols()
    local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', params, timeout)
    local r = resp and resp[client_id]
    assert(r, 'no answer to textDocument/documentSymbol')
    assert(not r.err, 'documentSymbol failed: ' .. vim.inspect(r.err))
    return r.result
  end
  result.symbols = symbols()
  result.diagnostics = buffer_diagnostics(bufnr)
  step('documentSymbol')

  local edit = env('IMR_EDIT')
  if edit then
    local find, replacement = edit:match('^(.-)=>(.*)$')
    assert(find, 'IMR_EDIT is not LINE_TEXT=>REPLACEMENT')
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local row, col
    for i, line in ipairs(lines) do
      local s = line:find(find, 1, true)
      if s then row, col = i - 1, s - 1 break end
    end
    assert(row, 'IMR_EDIT: text not found in the buffer: ' .. find)
    local before = #result.published
    local version_before = result.published[before].version
    vim.api.nvim_buf_set_text(bufnr, row, col, row, col + #find, { replacement })
    assert(vim.wait(timeout, function()
      local last = result.published[#result.published]
      return #result.published > before and last.version ~= nil and last.version > version_before
    end, 10), 'no publishDiagnostics for the edited version')
    result.after_edit = { published = result.published[#result.published], symbols = symbols(), diagnostics = buffer_diagnostics(bufnr) }
    step('edited', { version = result.after_edit.published.version })
  end

  vim.lsp.stop_client(client_id)
  vim.wait(timeout, function() return result.server_exit ~= nil end, 10)
  step('stopped')
  result.ok = true
end)

if not ok then result.error = tostring(err) end
write_result()
vim.cmd(result.ok and 'qall!' or 'cquit!')
