/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds and removes fake sysfs trees for the discovery tests. Links point
 * at folders of the tree; only their last component matters to readers. */
#include "fake-sysfs.h"

#include <glib/gstdio.h>
#include <unistd.h>

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *child;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR)) {
    g_unlink (path);
    return;
  }
  dir = g_dir_open (path, 0, NULL);
  while (dir && (child = g_dir_read_name (dir))) {
    g_autofree char *sub = g_build_filename (path, child, NULL);

    remove_tree (sub);
  }
  g_rmdir (path);
}

FakeSysfs *
fake_sysfs_new (void)
{
  FakeSysfs *fs = g_new0 (FakeSysfs, 1);
  g_autofree char *devices = NULL;

  fs->dir = g_dir_make_tmp ("md-sysfs-XXXXXX", NULL);
  g_assert_nonnull (fs->dir);
  fs->sys = g_build_filename (fs->dir, "sys", NULL);
  devices = g_build_filename (fs->sys, "devices", NULL);
  g_assert_cmpint (g_mkdir_with_parents (devices, 0755), ==, 0);
  return fs;
}

void
fake_sysfs_free (FakeSysfs *fs)
{
  remove_tree (fs->dir);
  g_free (fs->dir);
  g_free (fs->sys);
  g_free (fs);
}

static void
make_link (const char *dir, const char *name, const char *target_dir)
{
  g_autofree char *link = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (target_dir, 0755), ==, 0);
  g_assert_cmpint (symlink (target_dir, link), ==, 0);
}

static void
write_file (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

char *
fake_sysfs_add (FakeSysfs *fs, const char *path, const char *subsystem, const char *driver,
                const char *devtype, const char *const *uevent, const char *const *attrs)
{
  g_autofree char *dir = g_build_filename (fs->sys, "devices", path, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *subsystem_dir = g_build_filename (fs->sys, "class", subsystem, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  make_link (dir, "subsystem", subsystem_dir);
  if (driver) {
    g_autofree char *driver_dir = g_build_filename (fs->sys, "bus", subsystem, "drivers", driver, NULL);

    make_link (dir, "driver", driver_dir);
  }
  if (devtype)
    g_string_append_printf (text, "DEVTYPE=%s\n", devtype);
  for (guint i = 0; uevent && uevent[i]; i++)
    g_string_append_printf (text, "%s\n", uevent[i]);
  write_file (dir, "uevent", text->str);
  for (guint i = 0; attrs && attrs[i]; i++) {
    g_auto (GStrv) kv = g_strsplit (attrs[i], "=", 2);
    g_autofree char *value = g_strconcat (kv[1], "\n", NULL);

    write_file (dir, kv[0], value);
  }
  return g_steal_pointer (&dir);
}

void
fake_sysfs_class_link (FakeSysfs *fs, const char *subsystem, const char *name, const char *path)
{
  g_autofree char *class_dir = g_build_filename (fs->sys, "class", subsystem, NULL);
  g_autofree char *target = g_build_filename (fs->sys, "devices", path, NULL);

  g_assert_cmpint (g_mkdir_with_parents (class_dir, 0755), ==, 0);
  make_link (class_dir, name, target);
}

void
fake_sysfs_remove (FakeSysfs *fs, const char *path, const char *subsystem, const char *name)
{
  g_autofree char *dir = g_build_filename (fs->sys, "devices", path, NULL);

  remove_tree (dir);
  if (subsystem && name) {
    g_autofree char *link = g_build_filename (fs->sys, "class", subsystem, name, NULL);

    g_unlink (link);
  }
}
