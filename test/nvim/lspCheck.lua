-- Run by test/editors/neovim.test.ts: `nvim --headless --clean -c "luafile test/nvim/lspCheck.lua"`.
-- Starts the o11y language server with Neovim's built-in LSP client, opens $O11Y_FILE, waits for the pushed
-- diagnostics, asks for completion at $O11Y_LINE:$O11Y_CHAR (0-based), writes what it saw to $O11Y_OUT as JSON, quits.
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and 0.8+ (vim.lsp.start).
local function env(name)
  local value = os.getenv(name)
  if not value then
    io.stderr:write(name .. ' is not set\n')
    vim.cmd('cquit 2')
  end
  return value
end
local file = env('O11Y_FILE')
local out = env('O11Y_OUT')
local cmd = vim.fn.json_decode(env('O11Y_CMD'))
local line = tonumber(os.getenv('O11Y_LINE') or '0')
local char = tonumber(os.getenv('O11Y_CHAR') or '0')
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), diagnostics = {}, completion = {} }

local function finish(err)
  result.error = err
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = { name = 'o11y', cmd = cmd, root_dir = vim.fn.fnamemodify(file, ':h') }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  result.client = client_id ~= nil

  -- Neovim 0.7 only receives pushed diagnostics (textDocument/publishDiagnostics).
  local got = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  if not got then
    error('no diagnostics within 20 s')
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, code = d.code, message = d.message })
  end

  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = char } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000) or {}
  for _, res in pairs(responses) do
    local items = res.result and (res.result.items or res.result) or {}
    for _, item in ipairs(items) do
      table.insert(result.completion, item.label)
    end
  end
  vim.lsp.stop_client(client_id)
end)
finish(not ok and tostring(err) or nil)
