// `make release`: a versioned release for operators who have no Rust
// toolchain, from dist/ as `make build` left it:
//
//   release/stammkunde-<version>/
//     stammkunde.js, stammkunde.wasm, stammkunde-ui-de.js, stammkunde-ui-en.js, stammkunde-debug.js
//     SRI.txt                   sha384 integrity hashes of every file
//     snippets/*.html|liquid|twig|php   the tag per shop system, hash filled in
//     stammkunde-<version>.tgz  the ESM package (npm pack of dist/pkg)
//     README.txt                what is where
//   release/stammkunde-<version>.tar.gz   the folder as one archive
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
const name = `stammkunde-${version}`;
const out = join(root, 'release', name);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'snippets'), { recursive: true });

const FILES = ['stammkunde.js', 'stammkunde.wasm', 'stammkunde-ui-de.js', 'stammkunde-ui-en.js', 'stammkunde-debug.js'];
const sri = {};
for (const f of FILES) {
  const buf = readFileSync(join(dist, f)); // a missing file fails the release: run make build
  copyFileSync(join(dist, f), join(out, f));
  sri[f] = `sha384-${createHash('sha384').update(buf).digest('base64')}`;
}
writeFileSync(
  join(out, 'SRI.txt'),
  `# Subresource Integrity hashes of Stammkunde ${version}\n` + FILES.map((f) => `${f} ${sri[f]}`).join('\n') + '\n',
);

// The config every snippet starts from: a voucher and service help (replace
// the code and the number), consent from the shop system's consent manager.
const config = (consent, extra = '') =>
  `{ "consent": "${consent}",
  "voucher": { "code": "DANKE10", "value": "10 %"${extra} },
  "service": { "phone": "+49 30 1234 5678", "faq": "/hilfe/" } }`;
const tag = (attrs) =>
  `<script async src="/stammkunde/stammkunde.js" integrity="${sri['stammkunde.js']}"\n        ${attrs}></script>`;
const SNIPPETS = {
  'generic.html': `<!-- Stammkunde ${version}: on every page, before </body>. Put stammkunde.js,
     stammkunde.wasm, stammkunde-ui-de.js and stammkunde-ui-en.js into
     /stammkunde/ on your server.
     Fill data-page and the cart from your shop system. Consent: call
     Stammkunde.consent(true) from your banner, or set "consent" to
     "usercentrics", "cookiebot" or "borlabs". -->
${tag('data-page="product" data-cart-value="49,90" data-cart-items="2" data-currency="EUR"')}
<script type="application/json" id="stammkunde-config">
${config('required')}
</script>
`,
  'shopify.liquid': `{% comment %} Stammkunde ${version}: theme.liquid, before </body>. Upload stammkunde.js,
  stammkunde.wasm, stammkunde-ui-de.js and stammkunde-ui-en.js to /stammkunde/ on a host of yours (or use
  the theme's assets and data-wasm-url). {% endcomment %}
{%- liquid
  assign sk_page = 'other'
  case template.name
    when 'index' then assign sk_page = 'home'
    when 'collection' then assign sk_page = 'category'
    when 'product' then assign sk_page = 'product'
    when 'cart' then assign sk_page = 'cart'
  endcase
-%}
${tag(`data-page="{{ sk_page }}" data-cart-value="{{ cart.total_price | divided_by: 100.0 }}"
        data-cart-items="{{ cart.item_count }}" data-currency="{{ cart.currency.iso_code }}"`)}
<script type="application/json" id="stammkunde-config">
${config('required', ', "apply": "/discount/{code}?redirect=/cart"')}
</script>
`,
  'woocommerce.php': `<?php
// Stammkunde ${version}: in the theme's functions.php (or a small plugin). Put
// stammkunde.js, stammkunde.wasm, stammkunde-ui-de.js and stammkunde-ui-en.js into /stammkunde/.
add_action( 'wp_footer', function () {
\t$page = is_front_page() ? 'home' : ( is_product_category() || is_shop() ? 'category' : ( is_product() ? 'product' : ( is_cart() ? 'cart' : ( is_order_received_page() ? 'confirmation' : ( is_checkout() ? 'checkout' : 'other' ) ) ) ) );
\t$cart = WC()->cart;
\t?>
${tag(`data-page="<?php echo esc_attr( $page ); ?>" data-cart-value="<?php echo esc_attr( $cart ? $cart->get_total( 'edit' ) : 0 ); ?>"
        data-cart-items="<?php echo esc_attr( $cart ? $cart->get_cart_contents_count() : 0 ); ?>" data-currency="<?php echo esc_attr( get_woocommerce_currency() ); ?>"`)}
<script type="application/json" id="stammkunde-config">
${config('borlabs', ', "apply": "/cart/?coupon_code={code}"')}
</script>
\t<?php
} );
// "Gutschein einlösen" leads to /cart/?coupon_code=CODE: apply it.
add_action( 'wp_loaded', function () {
\tif ( isset( $_GET['coupon_code'] ) && function_exists( 'WC' ) && WC()->cart ) {
\t\tWC()->cart->apply_coupon( wc_clean( wp_unslash( $_GET['coupon_code'] ) ) );
\t}
} );
`,
  'shopware6.twig': `{# Stammkunde ${version}: in your theme, e.g. Resources/views/storefront/base.html.twig:
   {% sw_extends '@Storefront/storefront/base.html.twig' %} and this inside
   {% block base_body_script %}{{ parent() }} ... {% endblock %}.
   Put stammkunde.js, stammkunde.wasm, stammkunde-ui-de.js and stammkunde-ui-en.js into public/stammkunde/. #}
{% set skPage = page.product is defined ? 'product' : (page.listing is defined ? 'category' : (controllerName == 'Checkout' ? (controllerAction == 'cartPage' ? 'cart' : (controllerAction == 'finishPage' ? 'confirmation' : 'checkout')) : (controllerName == 'Navigation' ? 'home' : 'other'))) %}
${tag(`data-page="{{ skPage }}" data-cart-value="{{ page.cart.price.totalPrice|default(0) }}"
        data-cart-items="{{ page.cart.lineItems|default([])|length }}" data-currency="{{ context.currency.isoCode }}"`)}
<script type="application/json" id="stammkunde-config">
${config('usercentrics', ', "apply": "event"')}
</script>
<script>
  // "Gutschein einlösen": the code goes onto the cart as a promotion code
  document.addEventListener('stammkunde:apply', function (e) {
    fetch('/checkout/promotion/add', { method: 'POST', body: new URLSearchParams({ code: e.detail.code }) })
      .then(function () { location.assign('/checkout/cart'); });
  });
</script>
`,
};
for (const [file, text] of Object.entries(SNIPPETS)) writeFileSync(join(out, 'snippets', file), text);

// The ESM package as npm would install it.
const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: join(dist, 'pkg'), encoding: 'utf8' }).trim().split('\n').pop();

writeFileSync(
  join(out, 'README.txt'),
  `Stammkunde ${version}

Script tag (every shop page): stammkunde.js, stammkunde.wasm, stammkunde-ui-de.js,
stammkunde-ui-en.js next to each other on your server (stammkunde-debug.js only for ?stammkunde-debug).
Copy-paste snippets with the integrity hash filled in: snippets/
  generic.html      any shop: the tag, the config, consent from your banner
  shopify.liquid    Shopify theme.liquid, discount link /discount/CODE
  woocommerce.php   WooCommerce functions.php, ?coupon_code=CODE, Borlabs Cookie
  shopware6.twig    Shopware 6 theme, promotion code on the cart, Usercentrics
Integrity hashes: SRI.txt (the tag pins stammkunde.js; serve the other files
from your own origin next to it).

Frontend developers: ${tgz} is the ESM package with TypeScript types:
  npm install ./${tgz}

Documentation: README.md in the source repository (Quick start, Consent, Popups).
`,
);

execFileSync('tar', ['-czf', `${name}.tar.gz`, name], { cwd: join(root, 'release') });
console.log(`release/${name}/ and release/${name}.tar.gz:`);
for (const f of FILES) console.log(`  ${f.padEnd(22)} ${sri[f]}`);
console.log(`  ${tgz}`);
