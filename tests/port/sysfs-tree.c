/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fake sysfs helpers the net-link tests share (sysfs-tree.h). */
#include "sysfs-tree.h"

#include <glib/gstdio.h>
#include <unistd.h>

char *
sysfs_tree_path (const char *root, const char *path)
{
  return g_build_filename (root, path, NULL);
}

void
sysfs_tree_dir (const char *root, const char *path)
{
  g_autofree char *full = sysfs_tree_path (root, path);

  g_assert_cmpint (g_mkdir_with_parents (full, 0755), ==, 0);
}

static void
make_parent (const char *full)
{
  g_autofree char *dir = g_path_get_dirname (full);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
}

void
sysfs_tree_file (const char *root, const char *path, const char *contents)
{
  g_autofree char *full = sysfs_tree_path (root, path);
  g_autoptr (GError) error = NULL;

  make_parent (full);
  g_assert_true (g_file_set_contents (full, contents, -1, &error));
  g_assert_no_error (error);
}

void
sysfs_tree_link (const char *root, const char *path, const char *target)
{
  g_autofree char *full = sysfs_tree_path (root, path);
  g_autofree char *full_target = sysfs_tree_path (root, target);

  make_parent (full);
  g_assert_cmpint (symlink (full_target, full), ==, 0);
}

void
sysfs_tree_remove (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR)) {
    g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir))) {
      g_autofree char *child = g_build_filename (path, name, NULL);

      sysfs_tree_remove (child);
    }
  }
  g_assert_cmpint (g_remove (path), ==, 0);
}
