// whatsapp-web.js pulls in puppeteer; we use Debian's chromium (CHROMIUM_PATH), never a downloaded browser.
module.exports = { skipDownload: true };
