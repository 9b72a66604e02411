"""The troubleshooting wizard: start page, one page per playbook step, finish page."""
