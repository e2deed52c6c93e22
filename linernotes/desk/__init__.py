"""The writer's desk: the admin as a place to write, schedule and moderate.

Built on Django's admin, themed and organised by task (decision 0044): a site
(``sites.DeskSite``) installed through ``apps.DeskAdminConfig`` so every app's
``admin.site.register`` lands on it unchanged, a navigation bar on every page,
the home page, the settings page, and the operator's tables kept apart.
Nothing imports desk.
"""
