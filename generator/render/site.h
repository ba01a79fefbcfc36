/*
 * Rendering the site: every page of the public model through the theme's
 * templates, its view model as JSON under data/, the theme's static files,
 * plan attachments, sitemap.xml, robots.txt and 404.html.
 */
#ifndef GONGKAI_SITE_H
#define GONGKAI_SITE_H

struct model;
struct output;
struct source;

/*
 * Renders and writes the whole site.  Returns 0, or -1 after printing
 * what failed (a template error, an unreadable attachment, a write).
 */
int	 site_render(struct model *, struct source *, const char *theme_dir,
	    struct output *);

#endif
