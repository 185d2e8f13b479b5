/**
 * DEMO-ONLY signing keys. These RSA-2048 private keys are PUBLIC: they are printed here so
 * examples, pages and tests are reproducible and fast (no key generation). Anyone can sign tokens
 * with them. Never trust them, never use them outside trustwalk's simulations, and never register
 * an issuer that uses them with a real AWS account.
 *
 * Generated once with `generateSigningKey()` (jose `generateKeyPair('RS256', { extractable: true })`);
 * each `kid` is `kidFromJwk` of the key (its RFC 7638 thumbprint laid out as a UUID).
 */
import type { JWK } from 'jose'
import { importSigningKey, type SigningKey } from './keys.js'

/**
 * Three fixed demo RSA private JWKs. Every issuer created with `keys: 'demo'` (e.g.
 * `createGitHubIssuer({ keys: 'demo' })`) signs with the first
 * and rotates to the next ones.
 *
 * @example
 * const issuer = await createGitHubIssuer({ keys: 'demo' })
 * issuer.signingKid === DEMO_KEYS[0].kid // true
 */
export const DEMO_KEYS: readonly Readonly<JWK>[] = Object.freeze([
  {
    kty: 'RSA',
    kid: '2461be7a-3acb-4fdc-9b12-30d7c91f02db',
    alg: 'RS256',
    use: 'sig',
    n: 'qOn7QJ-1eVR7dg13hUzpyBJDPEWFw3Ah8a7qEjj6CvhpqphS5Qgep6bFwkWUGxslEdpki5eWos4hzjKnK5sGphM1P0wCc-e-qFLrCa2DYnPQhqon7p3r-Auf-f-JDBju-vugYy_xebWBPJeiOQdbhmzrdxkeQB61d9Sju4irnUfUT_BWhKloLQ6HtPtbAqJNLKpP8YxMN5rzZly_NP_HlXWQtUPMQl5XS5QP6L5drX5zrxZoGWYscpXGt0IHso96vCwL2F3jvJOtG5FWk3HihfNx9xKyVVxShGXWPeA8Z6pBnPwkBQS0vhiO0ION4myxv32E-OxE0i70Lsifgz5IBQ',
    e: 'AQAB',
    d: 'A63E48LBXbkcpJTlK363VhIqa1-gQCzAWyvSET-IbUC9HGgLi3gXzX2br6rQRPQxudJ7Khx3vWf74ypwlZ80uofkkFJZeKjCxZZjZBHmsKLmbGhm95LHlt658eSXhC9EKoHccQyUQnBU4OWfNNrCKt_9vi71Ml742M6axPTUYq0qwGq2Vim7jvBptGGAhx8qBX1jhzsbT5wFTCFgWFU_kPqr_R0-45_t9kLBDsQoV4VxJUj7LckNk9985voZ6_aCMa6YAEtsfMJzrWh12_e0svgaXiikCi1HYkj8hj8QwBMsgWN4Rz5SarzU7L_0g6O9tJHTHr1PS3-Yu_TSGvgNKQ',
    p: '0H1uDFtDLkj3StOhulkF2DIIESsaTaj5cxzUYWn-Eo7O-4clxuYghrr89w6jeDIfZjF6BTI35M-cAQDGr8fWA7NSW4va-tHmoMKav26_6GgdHu7vWWKH_UIpBKgAS0Fr041UX-Gpox5bHvzliqyTsAvKzHbLdElV14oC-M6HtLM',
    q: 'z2fULgZ47dfmVnINiZfZtgcOJ3endvSf51RpjTHo-WEfag27QVka-Wx4m_yumyqzOuqi4SbAJngZFIu8G-GPWRuZ5RvzC8xgNKr2uMkQFC5u5Tgk3cOaD7893oRfGwiaolUCswf8bhnWIPw7nl2eakUuDakmjDwLK4zwFmwbHGc',
    dp: 'fDI73CCBZJESvwBS1y8wzBkBtTh38ss1zdzepyj8sRFhO3TGjDWKKrg4-PM_bdpt2fKfPXks0qDZzb8onI3ub0XjSaWGTOO8_wbuKBtRNqDOuB6ddiG74KIIzT1G742JLfyCxpsm8oSiw1LjajhjwftEU4hwqlUFTeBo5M4jCQE',
    dq: 'hzMWpD4B3IEtnFJSssuy1q64sk-Ucb268tAa0jijttRx5u82jr2oEMl9wakwpONr3E8RiBV7klgdeUAxijc5-4s7gZb7k0hRumNr2z7t5UnzbiZwGcOlDPjMOt4tJPEx4_nofY4KJjdfVzc1IeHDH2EjSTJnd2i4m1YPN36XGac',
    qi: 'vTOTHUVQsoBGzX9FwewdbsxmKIJqmFAB5yFpy661H9Z2wZwFjdtTMUIazQlk0wZk6E09NuJPG3tSaw_R88lorHSnw9TZLlPy34Slr00V_XiUYAcND-Hy3VsB-4iWIqiwAGvMBix7Z3HxirD7HNgrFRO0wnHPIGfTsWJTrXYflnI',
  },
  {
    kty: 'RSA',
    kid: '3481362a-b5fb-4e55-b22d-880e85f0a172',
    alg: 'RS256',
    use: 'sig',
    n: 'tE4rfrz83sziIOltuMUma1CxsTabRvHgFyfYp7ogcnYfhqum2jBszJC32611aCv-hQTuS0FJDq4NjiJKo8LWK8MkQrwlKsBp1-Cn5tnDrA0OcCgVRGvEY0CF0XlapYWGzVXjwXsO8Yd-PkxnagMGiG06T98jkMYB_udTmzEmZbc0ihVa3elDUYh7omc-MClvhgtRIzwcJtV_4Jh7wtaYNQG3Y3AziT9WPiQneWwIGlCEaTAu88ZUcicJn0hi6PQaqWrxgIU7meDw-slYhqn1_0a3aCdIy0b-tUI-6G_KEC-De0pE1VmWq-AtHFlJp6la_m6BRhCy1VYkhPlf2--BcQ',
    e: 'AQAB',
    d: 'CrsmSo477JS8FqJd9ePB9Bwi3z21QyUtJaOo-N6ShM1z9eNsdEryhsBMOQZbWP5ZURhoiFET5IxGYUG4OIPllEgydchV2_QEuKT1yT8Hrss-Iz23elGBqDiUXlG_K9_FFJ56hi7pRkW-pT2N4BjbAC6kDFHm_3xRbRbeenuT4fTKStaLODaa_90Hw42U5RYczzRE8XSAnzXwVA7EX1Il3ofqtWN5vzb9q3pGesExjloT10_DH_6f1uzyVSdsygsj-3cp9I6iRnTH29IJGDuvXbvyoGRMLZgSs0rim2L8-Fa2DNfeYWnVbgV1loKRFPBjFvDdHP9LqRdm1ZsHccXfoQ',
    p: '5RbnY0aauE8i5tXpeO6czm5h0sD9VHyF9Cpeq-Zo2zpBkOGskr0iSp2VNOAoLPhFgQIXbqY8EY0Pb1W9-aKtWZUt_nZgbJV6eoeZMZX1gBnORmwYKL2S75MnPjcweCel04VzpV4Wd4jY_QoQZl-JyIobmTkxQQHZiRLTFuKAfmk',
    q: 'yXw_Y4oxF8KyyicTDimw_x-IZ7nNfjVZdCZivQ0xPsn_5ZOBdigMlEa-ZyCe92rrVTiW1el3gFLgdE_sRe708QRHnq_tCC1iVwnBmXv95Zu-lDUAFzupmq1Of4Jx7p4ZO7BF68-W8dwei7q4fXPNyr7itDWrYzrz1W6MeMSUGck',
    dp: 'Qd7gEW-PtUcr5evEAf26ILEkd5D-Rni3m4lDR3Is3DxX9eytzlOLtKCy8k0xwBxy_7E2Q56QzwscUQr6YPkhlwyJ-QzYlOA2I10x80wHFxpUcXNLTwuTYEeTlRQRX7smtzc8FWSEWUKEAd4O8SCvYXY0kU4cl3CMuBktkPr3r2E',
    dq: 'gjyX1MWsugkV_GmJfawhRqehSjrlw2DEs7lkNYNjg4yaplDUbAWzK90Wkh6Z4p_wAiQUC61fm0j24PgQZ5vwJCJ6EO7yrkh3un8J7yYgldw4MiCYMGxWUy8XAIDXGECFWvm0GJsUnL2F2RgWzLCgIx-D9qyCXh_rINjWX_HhMVE',
    qi: 'EGypBJlw2G7-QGLBSsy9uet_XbA4dVGGw3P9VkCleqH7WvbF9s-L60a2p2FcliZ_7q7rDt4MOGsW41N0135BbkbbKn3SXdzKJEj-MvPSpEG1GfM3r-Sxu_K4GuDnW5f8lvecZgcwor7z5xtnrEPZU587B_CpdAh6el4Pas7h798',
  },
  {
    kty: 'RSA',
    kid: 'b7d0d59c-bb08-4275-b0c0-3dd02044f0a9',
    alg: 'RS256',
    use: 'sig',
    n: 'vCHWlV4duSTTM9RjJSvbgCDzBMq-0aNj65OGHpfKQRwac0mVshIlqMwoq62vFLShpJdrORIO-YDC8FkUDKA4ihyvbi61s_nwkqUxkPvFvTu7TeXegyX2RP6Ghis6ZyU2zSP7EqrnP8pA7uTXCMyDaq-ZjUu2J_AUxXr9VXkPF61OFoVRRAb3Q15VB5QBpXDzbkVJP_54bM6sHynpUvifcqnYi-DIIHL4_w0iMLm4gdWjiKyWmyRGZWbkGv6jHv_barBxixNnpaQlQUYv1nOj7_gT0_EhrAuEXYnn5yyA-nuzFlkuwzDwlwfAMC6_E4TEz6QuoPUNxp8CbgctacsCww',
    e: 'AQAB',
    d: 'FdBaoEEkcyZI8vaKdHHsZqPrab_UdlxapqMZZwy0n-4RRxLeL6KZCUR65sUhyuXS5FHGVfy5DccXU2UQxRIC3EjNMppp6S9u7KII6EW5POLjKfogXdaWApP8pyv1_qW6__hPEXANlkDuXITeRh_okQNBa7e-rEzTK77CBxodXOJBhoNtOCaCPV21hwe6QaODKM2FGDvTdeB3vV4PuKMUmR7k2zQPw6MooWSaZhm2g5HQEiZHR4tDU32mfj696NBCPCEer5HuvG3iGX3g1GRgm0n4nkXMbdtX3-bM7BdF0RvSWz5VHtlY8WRin-JEjpMSeoX5x-MvQC8MlSVO6k2IEQ',
    p: '4KUREhIk6TnXWZJFSKznMEjariQFJQBAwXdTlIdK1J9jwp5h-pp0GVAumF-ZPua_JJPZagSOzCRQpFm7LRF0Fa-pg3870-9RXDwN_GWvi1S3o3SH8keln18ClJEcGQLMhI4rYCx3X-sZR-uvr4_NWSnb4F_9VRLPymKpVKMZV_s',
    q: '1mQdcLKd0nrbi1no-SKoH2ADBEskBQpjWNtR9y9eyNS0r63teJrAGlEBPqJDHrRPRf14msotNzA-Ti1cyjA9V_W8AzaSeKXlagF7GIOf6iCbB-VgZwYT1oiYep7tEeFTxNCWGEJ8zD3tUuXVugSfKbLn3JfI0n7XPqQMFReIHdk',
    dp: '1goQsMIe7yUQXaSzZOJxSJ0x1tg1GqMaD_vM4-jgUKQpXiagPjFpyzCNpNr5XWhn2McSUSRUlodHWsCwSemmTH9ZqRPSgkU0pQgHX2PXlY67hf8jBKJlWOsiv0Ffnyj-ipIXHARiHT8YkGEsvL7sLjdm62sqKiPJXhERO7ZHEH8',
    dq: 'qtBphHlLtX-dnJGuRZGPUjA1Nx6HPFzietGDpOZhJrISpEZ3hjgGBvGzhCvUPop6_tDNXsbm76nIepE59P4qYgKwIf9BBE9pUeSMJyP4LZp86vWesXbuJ2f91PT6_dwB2jY24G1Y8YIFrJ7igqtcBOU-R0vH_a6B4K7j0YpGMUE',
    qi: 'UzNIfnyAxE7RiupqmgjI8VqVwfYi2eALFmtySH1lcNl8zed73o7oKuw01BR_Ua2tNwebpaAZD842rb2pV3B0ODNQR79hxpt_Ur416E4P3yyqbX9oef9vcUaE5NMCxQcxtbkXcycOjUTHwgnfKQlZgxBtvll4CkRtsQWckxUp-OE',
  },
])

let imported: Promise<readonly SigningKey[]> | undefined

/**
 * `DEMO_KEYS` as signing keys, imported once per process: importing (and self-checking) an RSA
 * private key costs several signatures, and every `walk()` starts a demo issuer. The keys never
 * change and a `SigningKey` is never mutated, so every demo issuer can share them. A failed import
 * is not remembered.
 *
 * @example
 * const [first] = await demoSigningKeys()
 * first.kid === DEMO_KEYS[0].kid // true
 */
export function demoSigningKeys(): Promise<readonly SigningKey[]> {
  if (!imported) {
    const pending = Promise.all(DEMO_KEYS.map((jwk, i) => importSigningKey(jwk, `DEMO_KEYS[${i}]`)))
    imported = pending
    pending.catch(() => {
      if (imported === pending) imported = undefined
    })
  }
  return imported
}
