-- Drives headless Neovim for test/editors/neovim.test.ts, after the README's init.lua has been
-- loaded with -u: opens the report as a user would, waits for the server's diagnostics, hovers a
-- label, and writes what Neovim got to $RESULTS as JSON ({ error = ... } on failure; then exits 1).
-- Every wait is bounded by $EVENT_TIMEOUT_S and polls with vim.wait, which keeps the event loop
-- (and so the LSP client) running; nothing waits for a fixed time.

local timeout_ms = tonumber(os.getenv('EVENT_TIMEOUT_S')) * 1000
local severity_names = { 'error', 'warning', 'information', 'hint' }

local function write_results(results)
  local file = assert(io.open(os.getenv('RESULTS'), 'w'))
  file:write(vim.fn.json_encode(results))
  file:close()
end

-- A byte column of the buffer's line as the CLI counts it: UTF-16 code units, from 1.
local function utf16_column(buf, lnum, byte_col)
  local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, math.min(byte_col, #line))
  return utf16 + 1
end

local function main()
  -- Counted per buffer from before the file opens, so that diagnostics published at once are not
  -- missed, and those the server publishes for other files (the gazetteer's) are not taken for
  -- the report's.
  local published = {}
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    callback = function(args) published[args.buf] = true end,
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('REPORT')))
  local buf = vim.api.nvim_get_current_buf()

  if not vim.wait(timeout_ms, function() return published[buf] end, 20) then
    error(string.format('no diagnostics within %d ms (filetype %q, %d LSP clients attached to the buffer)',
      timeout_ms, vim.bo[buf].filetype, #vim.tbl_keys(vim.lsp.buf_get_clients(buf))))
  end
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, {
      line = d.lnum + 1,
      column = utf16_column(buf, d.lnum, d.col),
      endLine = d.end_lnum + 1,
      endColumn = utf16_column(buf, d.end_lnum, d.end_col),
      severity = severity_names[d.severity],
      code = d.code,
      message = d.message,
    })
  end

  -- The cursor on the label's first character, then the request vim.lsp.buf.hover() sends.
  local found = vim.fn.searchpos('\\V' .. vim.fn.escape(os.getenv('HOVER_TARGET'), '\\'), 'cw')
  if found[1] == 0 then error('the report has no ' .. os.getenv('HOVER_TARGET')) end
  local params = vim.lsp.util.make_position_params()
  local answers, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout_ms)
  if not answers then error('no hover within ' .. timeout_ms .. ' ms: ' .. tostring(err)) end
  local hovers = {}
  for _, answer in pairs(answers) do
    if answer.err then error('hover failed: ' .. vim.inspect(answer.err)) end
    table.insert(hovers, answer.result)
  end

  local version = vim.version()
  write_results({
    nvim = string.format('%d.%d.%d', version.major, version.minor, version.patch),
    diagnostics = diagnostics,
    hovers = hovers,
  })
end

local ok, err = pcall(main)
if ok then
  vim.cmd('qall!')
else
  write_results({ error = tostring(err) })
  vim.cmd('cquit 1')
end
