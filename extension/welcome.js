/**
 * The page a fresh install opens: how to connect, and a Test button that calls /health
 * at the URL in the field (the saved one to start with).
 */

import { testConnection } from "./lib/connection.js";
import { loadSettings } from "./lib/settings.js";
import { applyTheme } from "./lib/styles.js";

const urlField = document.getElementById("api-base-url");
const status = document.getElementById("status");

init();

async function init() {
  applyTheme(document);
  const settings = await loadSettings();
  urlField.value = settings.apiBaseUrl;
  document.getElementById("test-connection").addEventListener("click", async () => {
    status.textContent = "Testing…";
    status.dataset.state = "";
    const result = await testConnection(urlField.value, settings.apiKey);
    status.textContent = result.message;
    status.dataset.state = result.ok ? "ok" : "error";
  });
  document.body.dataset.ready = "true";
}
