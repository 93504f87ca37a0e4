-- Neovim (0.7+) trial of docs/lsp.md: RECIPE=path/to/recipe.yaml OUT=result.txt
--   nvim --headless -u NONE -c "filetype on" -c "luafile tests/lsp/editors/neovim.lua"
-- Opens the recipe with the Neovim 0.7 set-up of docs/lsp.md, waits for diagnostics, asks hover,
-- completion and code actions at the first one, applies the first action, waits for the
-- diagnostics to change, asks the outline; writes what it saw to OUT.
local out = io.open(vim.env.OUT or 'lsp-trial.txt', 'w')
local function log(...) out:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n'); out:flush() end

local recipegen_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    if not (recipegen_client and vim.lsp.get_client_by_id(recipegen_client)) then
      recipegen_client = vim.lsp.start_client({
        name = 'recipegen',
        cmd = { 'recipegen', 'lsp' },
        root_dir = vim.fn.getcwd(),
      })
    end
    vim.lsp.buf_attach_client(args.buf, recipegen_client)
  end,
})

local folder = vim.fn.fnamemodify(vim.env.RECIPE, ':p:h')
vim.cmd('edit ' .. folder .. '/environment.yml')  -- other YAML buffers share the one server
vim.cmd('edit ' .. vim.env.RECIPE)
log('diagnostics arrived:', vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50))
local before = vim.diagnostic.get(0)
for _, d in ipairs(before) do log('diagnostic', d.lnum + 1, d.col + 1, d.severity, d.message) end
log('servers:', #vim.lsp.get_active_clients())
local client = vim.lsp.get_active_clients()[1]
local function request(method, params)
  local result = vim.lsp.buf_request_sync(0, method, params, 10000)
  return result and result[client.id] and result[client.id].result
end
local uri = vim.uri_from_bufnr(0)
local first = before[1]
local at = { line = first.lnum, character = first.col }
local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = at })
log('hover:', hover and (hover.contents.value:gsub('\n.*', ' ...')))
local completion = request('textDocument/completion', { textDocument = { uri = uri }, position = at })
log('completion items:', completion and #(completion.items or completion) or 0)
local range = { start = at, ['end'] = { line = first.end_lnum, character = first.end_col } }
local context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, first.lnum) }
local actions = request('textDocument/codeAction', { textDocument = { uri = uri }, range = range, context = context })
for _, a in ipairs(actions or {}) do log('action:', a.title) end
if actions and actions[1] then
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  local changed = vim.wait(15000, function() return #vim.diagnostic.get(0) < #before end, 50)
  log('diagnostics after the first action:', #vim.diagnostic.get(0), 'fewer:', changed)
end
local names = {}
for _, s in ipairs(request('textDocument/documentSymbol', { textDocument = { uri = uri } }) or {}) do
  table.insert(names, s.name)
end
log('outline:', table.concat(names, ', '))
out:close()
vim.cmd('qa!')
