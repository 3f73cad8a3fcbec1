-- Neovim as a second LSP editor: starts `node dist/server.js --stdio` through Neovim's own LSP client (the 0.7 API:
-- vim.lsp.start_client, buf_attach_client, buf_request_sync), opens the fixtures beside this file and checks what a
-- user would get. Prints one line per check and "nvim: N passed, N failed", then exits with the failure count.
local root = vim.fn.getcwd()
local here = root .. '/test/nvim'
local passed, failed = 0, 0

local function report(ok, name, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('  ✔ ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('  ✖ ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

local function check(name, fn)
  local ok, result, detail = pcall(fn)
  if not ok then
    report(false, name, tostring(result))
  else
    report(result, name, detail)
  end
end

-- Opens a fixture, attaches the client and waits until the server has the document.
local function open(client_id, file)
  vim.cmd('edit ' .. vim.fn.fnameescape(here .. '/' .. file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr
end

-- The LSP position just after (or at an offset into) the first occurrence of `needle` in the buffer.
local function position_of(bufnr, needle, after)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local start = line:find(needle, 1, true)
    if start then
      local byte = start - 1 + (after and #needle or 1)
      local utf16 = select(2, vim.str_utfindex(line, byte))
      return { line = index - 1, character = utf16 }
    end
  end
  error('fixture has no ' .. needle)
end

local function request(bufnr, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not responses then error(method .. ': ' .. tostring(err)) end
  for _, response in pairs(responses) do
    if response.err then error(method .. ': ' .. vim.inspect(response.err)) end
    return response.result
  end
  error(method .. ': no response')
end

-- Completion items in the order Neovim shows them (it sorts by sortText, then label).
local function completion_items(bufnr, position)
  local items = vim.lsp.util.extract_completion_items(request(bufnr, 'textDocument/completion', position))
  table.sort(items, function(a, b) return (a.sortText or a.label) < (b.sortText or b.label) end)
  return items
end

local function hover_text(hover)
  if not hover then return '' end
  return table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n')
end

local function run()
  vim.g.tex_flavor = 'latex'
  vim.cmd('filetype on')
  local client_id = vim.lsp.start_client({
    name = 'secretome',
    cmd = { 'node', root .. '/dist/server.js', '--stdio' },
    root_dir = root,
  })
  check('the client starts the server', function()
    return client_id ~= nil, 'vim.lsp.start_client returned nil'
  end)
  if not client_id then return end

  local markdown = open(client_id, 'manuscript.md')
  check('the server initializes and offers completion and hover', function()
    local ready = vim.wait(15000, function()
      local client = vim.lsp.get_client_by_id(client_id)
      return client ~= nil and client.initialized == true
    end, 50)
    local client = vim.lsp.get_client_by_id(client_id)
    if not ready or not client then return false, 'not initialized within 15 s' end
    local capabilities = client.server_capabilities or {}
    return capabilities.completionProvider ~= nil and capabilities.hoverProvider ~= nil,
      'capabilities: ' .. vim.inspect(capabilities)
  end)

  check('[Caseiro offers reference 45 first, inserting 45', function()
    local items = completion_items(markdown, position_of(markdown, '[Caseiro', true))
    local first = items[1]
    if not first then return false, 'no items' end
    local insert = first.textEdit and first.textEdit.newText or first.insertText or first.label
    return first.label == '45' and insert == '45', ('first: %s → %s'):format(first.label, insert)
  end)

  check('hovering TGFβ explains transforming growth factor β', function()
    local text = hover_text(request(markdown, 'textDocument/hover', position_of(markdown, 'TGFβ', false)))
    return text:lower():find('transforming growth factor', 1, true) ~= nil, 'hover: ' .. text:sub(1, 200)
  end)

  check('[55] gets one unknown-citation error from source secretome, on the number', function()
    local function unknown()
      return vim.tbl_filter(function(d) return d.code == 'unknown-citation' end, vim.diagnostic.get(markdown))
    end
    vim.wait(15000, function() return #unknown() > 0 end, 50)
    local found = unknown()
    if #found ~= 1 then return false, #found .. ' unknown-citation diagnostics: ' .. vim.inspect(vim.diagnostic.get(markdown)) end
    local d = found[1]
    local line = vim.api.nvim_buf_get_lines(markdown, d.lnum, d.lnum + 1, false)[1]
    local written = line:sub(d.col + 1, d.end_col)
    return d.source == 'secretome' and d.severity == vim.diagnostic.severity.ERROR and written:find('55', 1, true) ~= nil,
      ('source %s, severity %s, on %q: %s'):format(d.source, d.severity, written, d.message)
  end)

  local latex = open(client_id, 'manuscript.tex')
  check('the .tex fixture has filetype tex', function()
    return vim.bo[latex].filetype == 'tex', 'filetype: ' .. vim.bo[latex].filetype
  end)

  check('\\cite{ offers citation keys, caseiro2019 among them', function()
    local items = completion_items(latex, position_of(latex, '\\cite{', true))
    local labels, keys, has_caseiro = {}, true, false
    for _, item in ipairs(items) do
      table.insert(labels, item.label)
      if not item.label:match('^[a-z][a-z-]*%d%d%d%d[a-z]?$') then keys = false end
      if item.label == 'caseiro2019' then has_caseiro = true end
    end
    return #items > 0 and keys and has_caseiro, 'labels: ' .. table.concat(labels, ', ', 1, math.min(#labels, 8))
  end)

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
end

local ok, err = pcall(run)
if not ok then report(false, 'the check ran to the end', tostring(err)) end
io.stdout:write(('nvim: %d passed, %d failed\n'):format(passed, failed))
io.stdout:flush()
vim.cmd('cquit ' .. failed)
