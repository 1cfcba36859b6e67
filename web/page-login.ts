// The login pages: how to get a link (there are no passwords), and the button that uses a link. Using
// a link takes a POST, so a chat app's link preview fetching the URL cannot spend the one-time token.
import { html } from "hono/html";
import { page, type Html } from "./layout.js";

export function loginHelpPage(problem?: string): Html {
  return page(
    "Masuk",
    html`<div class="card">
      <h1>Masuk ke dasbor</h1>
      ${problem ? html`<p class="notice err" role="alert">${problem}</p>` : ""}
      <p>Dasbor ini hanya untuk petugas yang terdaftar. Tidak ada kata sandi:</p>
      <ol>
        <li>Ketik <strong>/dasbor</strong> di chat bot (Telegram, WhatsApp atau terminal) dari akun petugas Anda.</li>
        <li>Buka tautan yang dikirim bot. Tautan hanya berlaku 10 menit dan hanya bisa dipakai sekali.</li>
      </ol>
      <p class="muted">Operator juga dapat membuat tautan dengan <code>npm run staff -- link kanal:id</code>.</p>
    </div>`,
  );
}

export function loginConfirmPage(token: string): Html {
  return page(
    "Masuk",
    html`<div class="card">
      <h1>Masuk ke dasbor</h1>
      <p>Tekan tombol di bawah untuk masuk. Tautan ini hanya bisa dipakai sekali.</p>
      <form method="post" action="/masuk/${token}">
        <button type="submit">Masuk</button>
      </form>
    </div>`,
  );
}
