/**
 * A small custom theme built in code. It has what Ghost's theme validator
 * (gscan) treats as fatal when missing, index.hbs and post.hbs with valid
 * Handlebars, and what it warns about otherwise (custom font variables,
 * the page title/feature image switch), plus the usual package.json, layout, page template, partial
 * and stylesheet so a backup has a realistic theme to save.
 */
import { makeZip } from './zip.js'

export const THEME_NAME = 'harness-theme'

const packageJson = {
  name: THEME_NAME,
  description: 'Minimal theme used by the backup test harness',
  version: '1.0.0',
  license: 'MIT',
  engines: { ghost: '>=5.0.0' },
  author: { name: 'Backup Harness', email: 'harness@example.com' },
  keywords: ['ghost-theme'],
  config: { posts_per_page: 10, image_sizes: { s: { width: 320 }, m: { width: 720 } }, card_assets: true },
}

const defaultHbs = `<!DOCTYPE html>
<html lang="{{@site.locale}}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{meta_title}}</title>
    <link rel="stylesheet" href="{{asset "css/style.css"}}">
    {{ghost_head}}
</head>
<body class="{{body_class}}">
    {{> site-header}}
    {{{body}}}
    <footer class="site-footer">{{@site.title}} &middot; harness theme</footer>
    {{ghost_foot}}
</body>
</html>
`

const headerPartial = `<header class="site-header">
    <a href="{{@site.url}}">
        {{#if @site.logo}}<img src="{{img_url @site.logo size="s"}}" alt="{{@site.title}}">{{else}}{{@site.title}}{{/if}}
    </a>
    {{navigation}}
</header>
`

const indexHbs = `{{!< default}}
<main class="post-feed">
    {{#foreach posts}}
    <article class="{{post_class}}">
        {{#if feature_image}}<img src="{{img_url feature_image size="m"}}" alt="{{title}}">{{/if}}
        <h2><a href="{{url}}">{{title}}</a></h2>
        <p>{{excerpt words="30"}}</p>
    </article>
    {{/foreach}}
    {{pagination}}
</main>
`

const postHbs = `{{!< default}}
{{#post}}
<article class="{{post_class}}">
    <h1>{{title}}</h1>
    <p class="byline">{{authors}} &middot; {{date format="D MMM YYYY"}} &middot; {{tags}}</p>
    {{#if feature_image}}<img src="{{img_url feature_image}}" alt="{{title}}">{{/if}}
    <div class="gh-content">{{content}}</div>
</article>
{{/post}}
`

const pageHbs = `{{!< default}}
{{#post}}
<article class="page">
    {{#match @page.show_title_and_feature_image}}
    <h1>{{title}}</h1>
    {{#if feature_image}}<img src="{{img_url feature_image}}" alt="{{title}}">{{/if}}
    {{/match}}
    <div class="gh-content">{{content}}</div>
</article>
{{/post}}
`

// The --gh-font-* variables let the site's custom font settings apply.
const styleCss = `:root { --font-body: var(--gh-font-body, system-ui, sans-serif); --font-heading: var(--gh-font-heading, Georgia, serif); }
h1, h2 { font-family: var(--font-heading); }
body { font-family: var(--font-body); margin: 0 auto; max-width: 46rem; padding: 1rem; }
.site-header img { max-height: 3rem; }
.gh-content img { max-width: 100%; height: auto; }
.kg-width-wide { margin: 0 -4rem; }
.kg-width-full { margin: 0 calc(50% - 50vw); }
`

export function makeThemeZip(): Buffer {
  return makeZip([
    { name: 'package.json', data: `${JSON.stringify(packageJson, null, 2)}\n` },
    { name: 'default.hbs', data: defaultHbs },
    { name: 'index.hbs', data: indexHbs },
    { name: 'post.hbs', data: postHbs },
    { name: 'page.hbs', data: pageHbs },
    { name: 'partials/site-header.hbs', data: headerPartial },
    { name: 'assets/css/style.css', data: styleCss },
  ])
}
