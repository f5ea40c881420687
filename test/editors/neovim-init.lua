-- IMR Final Determination Letters in Neovim 0.7 or later: the README's configuration, verbatim
-- (test/editors/neovim.test.ts runs it). Files named *.imr.txt get the filetype `imr`, and every
-- `imr` buffer is attached to one `imr-language-server --stdio`.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.imr.txt', command = 'setfiletype imr' })

local imr_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'imr',
  callback = function(args)
    if not (imr_client and vim.lsp.get_client_by_id(imr_client)) then
      local capabilities = vim.lsp.protocol.make_client_capabilities()
      capabilities.workspace.configuration = true -- Neovim 0.7 leaves it out; with it the server asks for settings
      imr_client = vim.lsp.start_client({
        name = 'imr',
        cmd = { 'imr-language-server', '--stdio' },
        capabilities = capabilities,
        settings = { imrDetermination = { validate = { chapterMismatch = 'error' } } },
      })
    end
    vim.lsp.buf_attach_client(args.buf, imr_client)
  end,
})
