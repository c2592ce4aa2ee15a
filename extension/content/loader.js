/**
 * Content scripts declared in the manifest cannot be ES modules, so this classic
 * script only imports the real one. That needs the modules to be web-accessible;
 * use_dynamic_url cannot be used, because Chrome resolves a module's relative
 * imports against the fixed id, which use_dynamic_url then refuses.
 */
(() => {
  import(chrome.runtime.getURL("content/main.js")).catch((error) => {
    console.warn("Hanzi Lambda: the content script did not load.", error);
  });
})();
