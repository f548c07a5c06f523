/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Setting a generated skeleton's property only when the value differs.
 * The generated setter goes through g_object_set (name lookup, GValue copy,
 * notify queue) even when the value is the same; the exports sync every
 * property on each change of a modem or bearer, and most are unchanged.
 * The skeleton would drop an equal value too (it compares the same way),
 * so what goes out on D-Bus does not change. */
#pragma once

#include <glib.h>
#include <string.h>

/* Scalars: booleans, enums, flags, integers. PREFIX is the generated
 * interface prefix (md_dbus_modem), PROP the property (state). */
#define MD_SKELETON_SET(prefix, prop, iface, value)                                                          \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    __typeof__ (prefix##_get_##prop (iface)) md_new_ = (value);                                              \
    if (prefix##_get_##prop (iface) != md_new_)                                                              \
      prefix##_set_##prop (iface, md_new_);                                                                  \
  }                                                                                                          \
  G_STMT_END

#define MD_SKELETON_SET_STRING(prefix, prop, iface, value)                                                   \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    const char *md_new_ = (value);                                                                           \
    if (g_strcmp0 (prefix##_get_##prop (iface), md_new_) != 0)                                               \
      prefix##_set_##prop (iface, md_new_);                                                                  \
  }                                                                                                          \
  G_STMT_END

#define MD_SKELETON_SET_STRV(prefix, prop, iface, value)                                                     \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    const char *const *md_new_ = (value);                                                                    \
    if (!md_skeleton_strv_same (prefix##_get_##prop (iface), md_new_))                                       \
      prefix##_set_##prop (iface, md_new_);                                                                  \
  }                                                                                                          \
  G_STMT_END

/* value may be floating; it is consumed either way. */
#define MD_SKELETON_SET_VARIANT(prefix, prop, iface, value)                                                  \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    GVariant *md_new_ = g_variant_ref_sink (value);                                                          \
    if (!md_skeleton_variant_same (prefix##_get_##prop (iface), md_new_))                                    \
      prefix##_set_##prop (iface, md_new_);                                                                  \
    g_variant_unref (md_new_);                                                                               \
  }                                                                                                          \
  G_STMT_END

static inline gboolean
md_skeleton_strv_same (const char *const *old, const char *const *new_value)
{
  if (!old || !new_value)
    return old == new_value;
  return g_strv_equal (old, new_value);
}

/* The same type and the same serialised bytes. g_variant_equal prints
 * both values as text when either is not trusted to be in normal form
 * (g_variant_new_fixed_array's are not): tens of microseconds on every
 * sync. Equal values in different forms count as different here; the
 * skeleton's own comparison then drops them, so nothing extra goes out. */
static inline gboolean
md_skeleton_variant_same (GVariant *old, GVariant *new_value)
{
  gsize size;

  if (!old || !g_variant_type_equal (g_variant_get_type (old), g_variant_get_type (new_value)))
    return FALSE;
  size = g_variant_get_size (old);
  if (size != g_variant_get_size (new_value))
    return FALSE;
  return size == 0 || memcmp (g_variant_get_data (old), g_variant_get_data (new_value), size) == 0;
}
