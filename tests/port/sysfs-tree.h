/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A fake sysfs for the net-link tests: a temporary folder whose paths are
 * given relative to its root. Symlink targets are relative to the root
 * too and made absolute (real sysfs uses relative ones; the code under
 * test reads only their last component). Every helper asserts success. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* root/path, newly allocated. */
char *sysfs_tree_path (const char *root, const char *path);
/* The folder root/path and its parents. */
void sysfs_tree_dir (const char *root, const char *path);
/* The file root/path holding contents; its folder is made first. */
void sysfs_tree_file (const char *root, const char *path, const char *contents);
/* The symlink root/path to root/target; its folder is made first. */
void sysfs_tree_link (const char *root, const char *path, const char *target);
/* Removes path and, for a folder, everything in it (links not followed). */
void sysfs_tree_remove (const char *path);

G_END_DECLS
