//! The sanitizer policy of issue 4 as table tests, in ammonia's style: input → exact output.
//!
//! Every row names the rule it pins down. Exact strings on purpose: they show the reader of
//! this file what the app will put into the page, attribute order included (which is fixed:
//! see `finish` in src/sanitize.rs).

use rillet::sanitize::{sanitize_html, sanitize_html_with, sanitize_text_to_html, SanitizeOptions};

const BASE: &str = "https://blog.example/posts/2024/hello.html";

/// What the policy adds to every link and every image.
macro_rules! a {
    () => {
        r#"<a target="_blank" rel="noopener noreferrer nofollow ugc">"#
    };
    ($attrs:literal) => {
        concat!(
            "<a ",
            $attrs,
            r#" target="_blank" rel="noopener noreferrer nofollow ugc">"#
        )
    };
}
macro_rules! img {
    ($attrs:literal) => {
        concat!(
            "<img ",
            $attrs,
            r#" loading="lazy" decoding="async" referrerpolicy="no-referrer">"#
        )
    };
}

struct Case {
    rule: &'static str,
    input: &'static str,
    base: Option<&'static str>,
    expected: &'static str,
}

const fn case(
    rule: &'static str,
    input: &'static str,
    base: Option<&'static str>,
    expected: &'static str,
) -> Case {
    Case {
        rule,
        input,
        base,
        expected,
    }
}

fn check(cases: &[Case], options: &SanitizeOptions) {
    let mut failures = Vec::new();
    for c in cases {
        let got = sanitize_html_with(c.input, c.base, options).into_string();
        if got != c.expected {
            failures.push(format!(
                "{}\n  input:    {:?}\n  expected: {:?}\n  got:      {:?}",
                c.rule, c.input, c.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn scripts_and_event_handlers() {
    check(
        &[
            case(
                "script is removed with its content",
                "<p>Hi</p><script>alert(1)</script>",
                None,
                "<p>Hi</p>",
            ),
            case(
                "script inside text",
                "a<script>document.write(1)</script>b",
                None,
                "ab",
            ),
            case(
                "event handlers go",
                r#"<p onclick="alert(1)" onmouseover=x>Hi</p>"#,
                None,
                "<p>Hi</p>",
            ),
            case(
                "onerror goes, the image stays",
                r#"<img src="https://a.example/x.png" onerror="alert(1)">"#,
                None,
                img!(r#"src="https://a.example/x.png""#),
            ),
            case(
                "comments go (they hide mXSS payloads)",
                "a<!-- <img src=x onerror=alert(1)> -->b",
                None,
                "ab",
            ),
            case(
                "details keeps open, loses ontoggle",
                r#"<details open ontoggle="alert(1)"><summary>S</summary>d</details>"#,
                None,
                r#"<details open=""><summary>S</summary>d</details>"#,
            ),
            case(
                "noscript ends where a browser ends it; the img after it loses src and onerror",
                r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
                None,
                r#"<img loading="lazy" decoding="async" referrerpolicy="no-referrer">"&gt;"#,
            ),
        ],
        &SanitizeOptions::default(),
    );
}

#[test]
fn code_blocks_keep_their_highlighting_classes() {
    check(
        &[
            case(
                "Forem: the language stays, the script hook goes",
                "<div class=\"highlight js-code-highlight\">\n<pre class=\"highlight rust\"><code>\
             <span class=\"k\">fn</span> <span class=\"nf\">main</span>() {}</code></pre>\n</div>",
                None,
                "<div class=\"highlight\">\n<pre class=\"highlight rust\"><code>\
             <span class=\"k\">fn</span> <span class=\"nf\">main</span>() {}</code></pre>\n</div>",
            ),
            case(
                "language-* on code (Prism, highlight.js, CommonMark)",
                r#"<pre><code class="language-rust hljs" id="c1">let x = 1 &lt; 2;</code></pre>"#,
                None,
                r#"<pre><code class="language-rust">let x = 1 &lt; 2;</code></pre>"#,
            ),
            case(
                "Rouge via Jekyll",
                r#"<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="nb">puts</span> <span class="s2">"hi"</span></code></pre></div></div>"#,
                None,
                r#"<div class="language-ruby"><div class="highlight"><pre class="highlight"><code><span class="nb">puts</span> <span class="s2">"hi"</span></code></pre></div></div>"#,
            ),
            case(
                "no class anywhere else, none that could name an app class",
                r#"<p class="lead">x</p><span class="k article-view__body">y</span><div class="article-view__body">z</div><pre class="highlight app-overlay">w</pre>"#,
                None,
                r#"<p>x</p><span class="k">y</span><div>z</div><pre class="highlight">w</pre>"#,
            ),
            case(
                "a word next to highlight only counts next to highlight",
                r#"<pre class="rust">x</pre><code class="language-">y</code>"#,
                None,
                "<pre>x</pre><code>y</code>",
            ),
        ],
        &SanitizeOptions::default(),
    );
}

#[test]
fn tables_and_text_structure() {
    check(&[
        case(
            "the table family, with its structural attributes only",
            r#"<table><caption>T</caption><colgroup><col span="2" style="width:9em"></colgroup><thead><tr><th scope="col" onclick="x">A</th><th>B</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" bgcolor="red">1</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>"#,
            None,
            r#"<table><caption>T</caption><colgroup><col span="2"></colgroup><thead><tr><th scope="col">A</th><th>B</th></tr></thead><tbody><tr><td colspan="2" rowspan="1">1</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>"#,
        ),
        case(
            "lists",
            r#"<ol start="3" reversed type="a"><li value="9">x</li></ol><dl><dt>t</dt><dd>d</dd></dl>"#,
            None,
            r#"<ol start="3" reversed=""><li>x</li></ol><dl><dt>t</dt><dd>d</dd></dl>"#,
        ),
        case(
            "inline semantics",
            r#"<p><em>e</em><strong>s</strong><b>b</b><i>i</i><u>u</u><s>s</s><sub>1</sub><sup>2</sup><small>m</small><mark>k</mark><abbr title="HyperText">HT</abbr><kbd>K</kbd><q>q</q><cite>c</cite><time datetime="2024-01-01T00:00:00Z" onclick="x">Jan</time><br><wbr><del>d</del><ins>i</ins></p><hr>"#,
            None,
            r#"<p><em>e</em><strong>s</strong><b>b</b><i>i</i><u>u</u><s>s</s><sub>1</sub><sup>2</sup><small>m</small><mark>k</mark><abbr title="HyperText">HT</abbr><kbd>K</kbd><q>q</q><cite>c</cite><time datetime="2024-01-01T00:00:00Z">Jan</time><br><wbr><del>d</del><ins>i</ins></p><hr>"#,
        ),
        case(
            "figures and headings",
            "<figure><img src=\"https://a.example/x.png\" alt=\"x\"><figcaption>Cap</figcaption></figure><h1>1</h1><h6>6</h6><blockquote><p>q</p></blockquote>",
            None,
            concat!("<figure>", img!(r#"src="https://a.example/x.png" alt="x""#), "<figcaption>Cap</figcaption></figure><h1>1</h1><h6>6</h6><blockquote><p>q</p></blockquote>"),
        ),
        case("right-to-left text keeps lang and dir", r#"<p lang="ar" dir="rtl">مرحبا</p>"#, None, r#"<p lang="ar" dir="rtl">مرحبا</p>"#),
        case(
            "unknown wrappers go, their text stays",
            r#"<article><section><font color="red">hello</font></section></article>"#,
            None,
            "hello",
        ),
    ], &SanitizeOptions::default());
}

#[test]
fn urls_are_resolved_and_scheme_checked() {
    check(&[
        case(
            "relative link and image resolved against the entry's base",
            r#"<a href="../about.html">About</a> <img src="img/cat.jpg" alt="cat">"#,
            Some(BASE),
            concat!(a!(r#"href="https://blog.example/posts/about.html""#), "About</a> ", img!(r#"src="https://blog.example/posts/2024/img/cat.jpg" alt="cat""#)),
        ),
        case(
            "root- and scheme-relative",
            r#"<a href="/feed">f</a><img src="//cdn.example/x.png">"#,
            Some(BASE),
            concat!(a!(r#"href="https://blog.example/feed""#), "f</a>", img!(r#"src="https://cdn.example/x.png""#)),
        ),
        case(
            "a fragment link points into the original article",
            r##"<a href="#fn1">1</a>"##,
            Some(BASE),
            concat!(a!(r#"href="https://blog.example/posts/2024/hello.html#fn1""#), "1</a>"),
        ),
        case(
            "without a base, relative URLs are dropped (they would point at the reader's origin)",
            r#"<a href="../about.html">About</a> <img src="img/cat.jpg" alt="cat">"#,
            None,
            concat!(a!(), "About</a> ", img!(r#"alt="cat""#)),
        ),
        case(
            "a base that is not http(s) counts as none",
            r#"<a href="x">x</a>"#,
            Some("javascript:alert(1)//"),
            concat!(a!(), "x</a>"),
        ),
        case("javascript: link", r#"<a href="javascript:alert(1)">x</a>"#, Some(BASE), concat!(a!(), "x</a>")),
        case("padded, mixed-case javascript:", r#"<a href="  JaVaScRiPt:alert(1)">x</a>"#, Some(BASE), concat!(a!(), "x</a>")),
        case("entity-split javascript:", r#"<a href="java&#x09;scr&#x0A;ipt:alert(1)">x</a>"#, Some(BASE), concat!(a!(), "x</a>")),
        case("vbscript:", r#"<a href="vbscript:msgbox(1)">x</a>"#, None, concat!(a!(), "x</a>")),
        case("data:text/html", r#"<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>"#, None, concat!(a!(), "x</a>")),
        case("data: images too (http, https, mailto only)", r#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="d">"#, None, img!(r#"alt="d""#)),
        case("tel: is not on the list", r#"<a href="tel:+15550100">x</a>"#, None, concat!(a!(), "x</a>")),
        case("mailto: is", r#"<a href="mailto:me@example.com">m</a>"#, None, concat!(a!(r#"href="mailto:me@example.com""#), "m</a>")),
        case(
            "links always open apart, with no opener, referrer or endorsement",
            r#"<a href="https://a.example/" rel="opener" target="_self" ping="https://t.example/">x</a>"#,
            None,
            concat!(a!(r#"href="https://a.example/""#), "x</a>"),
        ),
        case(
            "cite is a URL: resolved, or dropped when it is a script",
            r#"<blockquote cite="javascript:alert(1)">q</blockquote><q cite="/source">s</q>"#,
            Some(BASE),
            r#"<blockquote>q</blockquote><q cite="https://blog.example/source">s</q>"#,
        ),
    ], &SanitizeOptions::default());
}

#[test]
fn srcset_is_rewritten_candidate_by_candidate() {
    check(
        &[
            case(
                "every candidate resolved",
                r#"<img src="a.jpg" srcset="a.jpg 1x, /b.jpg 2x" alt="">"#,
                Some(BASE),
                img!(
                    r#"src="https://blog.example/posts/2024/a.jpg" srcset="https://blog.example/posts/2024/a.jpg 1x, https://blog.example/b.jpg 2x" alt="""#
                ),
            ),
            case(
                "commas inside URLs (Cloudinary) and none between candidates",
                r#"<img srcset="https://res.example/c_fill,w_100/x.jpg 100w,https://res.example/c_fill,w_200/x.jpg 200w">"#,
                None,
                img!(
                    r#"srcset="https://res.example/c_fill,w_100/x.jpg 100w, https://res.example/c_fill,w_200/x.jpg 200w""#
                ),
            ),
            case(
                "one script candidate drops the whole attribute",
                r#"<img src="https://a.example/x.png" srcset="https://a.example/x.png 1x, javascript:alert(1) 2x">"#,
                None,
                img!(r#"src="https://a.example/x.png""#),
            ),
            case(
                "data: candidates too",
                r#"<img src="https://a.example/x.png" srcset="data:image/png;base64,AAAA 1x">"#,
                None,
                img!(r#"src="https://a.example/x.png""#),
            ),
            case(
                "an unknown descriptor drops it",
                r#"<img src="https://a.example/x.png" srcset="https://a.example/y.png 1q">"#,
                None,
                img!(r#"src="https://a.example/x.png""#),
            ),
            case(
                "relative candidates without a base drop it",
                r#"<img src="https://a.example/x.png" srcset="y.png 2x">"#,
                None,
                img!(r#"src="https://a.example/x.png""#),
            ),
            case(
                "picture/source",
                r#"<picture><source srcset="a.avif" type="image/avif" media="(min-width: 600px)"><img src="a.jpg" alt="a"></picture>"#,
                Some(BASE),
                concat!(
                    r#"<picture><source srcset="https://blog.example/posts/2024/a.avif" type="image/avif" media="(min-width: 600px)">"#,
                    img!(r#"src="https://blog.example/posts/2024/a.jpg" alt="a""#),
                    "</picture>"
                ),
            ),
        ],
        &SanitizeOptions::default(),
    );
}

#[test]
fn images_are_lazy_private_and_never_pixels() {
    check(
        &[
            case(
                "the policy's loading, decoding and referrer policy win over the feed's",
                r#"<img src="https://a.example/x.png" loading="eager" referrerpolicy="unsafe-url" decoding="sync" alt="x" title="t" width="640" height="480">"#,
                None,
                img!(r#"src="https://a.example/x.png" alt="x" title="t" width="640" height="480""#),
            ),
            case(
                "a FeedBurner 1×1 counter is removed",
                r#"<p>Text<img src="https://feeds.feedburner.com/~r/blog/~4/abc" height="1" width="1" alt=""></p>"#,
                None,
                "<p>Text</p>",
            ),
            case(
                "one pixel in either dimension is enough",
                r#"<img src="https://a.example/spacer.gif" width="1px">"#,
                None,
                "",
            ),
            case(
                "zero too",
                r#"<img src="https://a.example/p.gif" width="0" height="0">"#,
                None,
                "",
            ),
            case(
                "a WordPress.com counter, even without dimensions",
                r#"<img alt="" src="https://pixel.wp.com/b.gif?host=x.example&amp;blog=1&amp;post=2">"#,
                None,
                "",
            ),
            case(
                "small is not a pixel",
                r#"<img src="https://a.example/icon.png" width="16" height="16">"#,
                None,
                img!(r#"src="https://a.example/icon.png" width="16" height="16""#),
            ),
            case(
                "a percentage is not a pixel",
                r#"<img src="https://a.example/wide.png" width="1%">"#,
                None,
                img!(r#"src="https://a.example/wide.png" width="1%""#),
            ),
        ],
        &SanitizeOptions::default(),
    );
}

#[test]
fn style_id_and_name_never_survive() {
    check(
        &[case(
            "no style (overlays, clickjacking), no id or name (DOM clobbering)",
            r#"<p style="position:fixed;inset:0" id="main" name="x">x</p><img name="getElementById" id="location" src="https://a.example/x.png">"#,
            None,
            concat!("<p>x</p>", img!(r#"src="https://a.example/x.png""#)),
        )],
        &SanitizeOptions::default(),
    );
}

#[test]
fn forbidden_elements_are_gone() {
    check(
        &[
            case(
                "svg with everything in it (RUSTSEC-2021-0074, RUSTSEC-2025-0071)",
                r#"<p>a<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">x</a><text>t</text></svg>b</p>"#,
                None,
                "<p>ab</p>",
            ),
            case(
                "math with everything in it",
                r#"<math><mi xlink:href="javascript:alert(1)">x</mi><mtext><img src=x onerror=alert(1)></mtext></math>ok"#,
                None,
                "ok",
            ),
            case(
                "iframe",
                r#"<iframe src="https://evil.example/"><p>fallback</p></iframe>ok"#,
                None,
                "ok",
            ),
            case(
                "form and its controls (the button's label is text)",
                r#"<form action="https://evil.example/"><input name="q" value="x"><button formaction="javascript:alert(1)">Go</button><textarea>t</textarea><select><option>o</option></select></form>"#,
                None,
                "Go",
            ),
            case(
                "object and embed",
                r#"<object data="x.swf"><param name="a" value="b">fallback</object><embed src="x.swf">ok"#,
                None,
                "ok",
            ),
            case(
                "template, noscript, style",
                r#"<template><img src=x onerror=alert(1)></template><noscript><p>n</p></noscript><style>*{display:none}</style>ok"#,
                None,
                "ok",
            ),
            case(
                "base, meta, link",
                r#"<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><link rel="stylesheet" href="https://evil.example/x.css">ok"#,
                None,
                "ok",
            ),
        ],
        &SanitizeOptions::default(),
    );
}

#[test]
fn media_get_controls_and_never_autoplay() {
    check(
        &[
            case(
                "video: controls forced, autoplay and handlers gone, URLs resolved",
                r#"<video src="movie.mp4" autoplay poster="poster.jpg" onplay="alert(1)" muted loop width="640"></video>"#,
                Some(BASE),
                r#"<video src="https://blog.example/posts/2024/movie.mp4" poster="https://blog.example/posts/2024/poster.jpg" muted="" loop="" width="640" controls=""></video>"#,
            ),
            case(
                "audio: a feed's controls value is replaced",
                r#"<audio src="https://a.example/a.mp3" autoplay controls="false"></audio>"#,
                None,
                r#"<audio src="https://a.example/a.mp3" controls=""></audio>"#,
            ),
            case(
                "video with sources",
                r#"<video controls><source src="m.webm" type="video/webm"></video>"#,
                Some(BASE),
                r#"<video controls=""><source src="https://blog.example/posts/2024/m.webm" type="video/webm"></video>"#,
            ),
            case(
                "a script poster goes",
                r#"<video poster="javascript:alert(1)"></video>"#,
                None,
                r#"<video controls=""></video>"#,
            ),
        ],
        &SanitizeOptions::default(),
    );
}

#[test]
fn remote_images_off_moves_every_url_to_data_attributes() {
    check(
        &[
            case(
                "img, video, picture/source",
                r#"<img src="https://a.example/x.png" srcset="https://a.example/x2.png 2x" alt="x"><video poster="https://a.example/p.jpg" src="https://a.example/v.mp4"></video><picture><source srcset="https://a.example/y.avif"></picture>"#,
                None,
                concat!(
                    img!(
                        r#"data-src="https://a.example/x.png" data-srcset="https://a.example/x2.png 2x" alt="x""#
                    ),
                    r#"<video data-poster="https://a.example/p.jpg" data-src="https://a.example/v.mp4" controls=""></video><picture><source data-srcset="https://a.example/y.avif"></picture>"#,
                ),
            ),
            case(
                "the feed's own data-src never survives (the UI copies data-src back to src)",
                r#"<img data-src="javascript:alert(1)" data-srcset="javascript:alert(2)" src="pic.png">"#,
                Some(BASE),
                img!(r#"data-src="https://blog.example/posts/2024/pic.png""#),
            ),
            case(
                "links are untouched",
                r#"<a href="https://a.example/">x</a>"#,
                None,
                concat!(a!(r#"href="https://a.example/""#), "x</a>"),
            ),
        ],
        &SanitizeOptions {
            remote_images: false,
        },
    );
}

#[test]
fn sanitize_html_is_sanitize_html_with_the_defaults() {
    let input = r#"<p>Hi <img src="x.png"> <a href="/a">a</a></p>"#;
    assert_eq!(
        sanitize_html(input, Some(BASE)),
        sanitize_html_with(input, Some(BASE), &SanitizeOptions::default())
    );
    assert!(SanitizeOptions::default().remote_images);
}

#[test]
fn plain_text_becomes_paragraphs() {
    for (rule, input, expected) in [
        (
            "everything is escaped",
            "Hello <b>world</b> & co",
            "<p>Hello &lt;b&gt;world&lt;/b&gt; &amp; co</p>",
        ),
        (
            "blank lines split paragraphs, single newlines break lines, any line ending",
            "a\nb\n\nc\r\n\r\n \r\nd\re",
            "<p>a<br>b</p><p>c</p><p>d<br>e</p>",
        ),
        ("nothing in, nothing out", "", ""),
        ("only blank lines", "  \n \n", ""),
        (
            "a script is text",
            "<script>alert(1)</script>",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        ),
        (
            "no-break spaces as the serializer writes them",
            "a\u{a0}b",
            "<p>a&nbsp;b</p>",
        ),
        (
            "quotes need no escaping in text",
            r#"say "hi""#,
            r#"<p>say "hi"</p>"#,
        ),
    ] {
        let html = sanitize_text_to_html(input);
        assert_eq!(html.as_str(), expected, "{rule}");
        // The text door's output is a fixed point of the HTML door.
        assert_eq!(
            sanitize_html(html.as_str(), None),
            html,
            "{rule}: not stable"
        );
    }
}

#[test]
fn sanitized_html_shows_as_its_string() {
    let html = sanitize_html("<p>x</p>", None);
    assert_eq!(html.to_string(), "<p>x</p>");
    assert_eq!(html.as_str(), "<p>x</p>");
    assert!(!html.is_empty());
    assert_eq!(html.into_string(), "<p>x</p>");
}
