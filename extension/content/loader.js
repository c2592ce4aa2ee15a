/**
 * Content scripts declared in the manifest cannot be ES modules, so this classic
 * script only imports the real one. The modules are web-accessible with
 * use_dynamic_url, so pages cannot probe for them by the extension's fixed id.
 */
(() => {
  import(chrome.runtime.getURL("content/main.js")).catch((error) => {
    console.warn("Hanzi Lambda: the content script did not load.", error);
  });
})();
