import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { AppProviders } from "./app-providers.js";
import { router } from "./router.js";
import "./styles.css";

const container = document.getElementById("root");
if (!container) {
  throw new Error('index.html must contain <div id="root"></div>');
}

createRoot(container).render(
  <StrictMode>
    <AppProviders>
      {/* From react-router/dom rather than react-router: it wires React DOM's flushSync in. */}
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
