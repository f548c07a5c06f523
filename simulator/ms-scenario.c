/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Scenario files (GKeyFile) into the model. Every group and key is known
 * here; an unknown one or a bad value is an error that names it, so a typo
 * in a test scenario cannot silently change what the modem does. */
#include "ms-scenario.h"

#include <string.h>

typedef enum {
  KEY_STRING,
  KEY_UINT,
  KEY_BOOL,
  KEY_LIST,
  KEY_SPECIAL,
} KeyKind;

typedef struct {
  const char *group;
  const char *key;
  KeyKind kind;
  gsize offset; /* into MsModel, for the plain kinds */
} KeyInfo;

#define OFF(field) G_STRUCT_OFFSET (MsModel, field)

static const KeyInfo keys[] = {
  { "identity", "manufacturer", KEY_STRING, OFF (manufacturer) },
  { "identity", "model", KEY_STRING, OFF (model) },
  { "identity", "revision", KEY_STRING, OFF (revision) },
  { "identity", "imei", KEY_STRING, OFF (imei) },
  { "sim", "present", KEY_BOOL, OFF (sim_present) },
  { "sim", "iccid", KEY_STRING, OFF (iccid) },
  { "sim", "imsi", KEY_STRING, OFF (imsi) },
  { "sim", "spn", KEY_STRING, OFF (spn) },
  { "sim", "pin", KEY_STRING, OFF (pin) },
  { "sim", "puk", KEY_STRING, OFF (puk) },
  { "sim", "pin-retries", KEY_UINT, OFF (pin_retries) },
  { "sim", "puk-retries", KEY_UINT, OFF (puk_retries) },
  { "sim", "pin-enabled", KEY_BOOL, OFF (pin_enabled) },
  { "sim", "own-numbers", KEY_LIST, OFF (own_numbers) },
  { "network", "registration", KEY_SPECIAL, 0 },
  { "network", "operator-code", KEY_STRING, OFF (operator_code) },
  { "network", "operator-name", KEY_STRING, OFF (operator_name) },
  { "network", "access-technology", KEY_SPECIAL, 0 },
  { "network", "signal", KEY_UINT, OFF (rssi) },
  { "network", "lac", KEY_UINT, OFF (lac) },
  { "network", "tac", KEY_UINT, OFF (tac) },
  { "network", "cell-id", KEY_UINT, OFF (cell_id) },
  { "operators", "available", KEY_SPECIAL, 0 },
  { "power", "cfun", KEY_UINT, OFF (cfun) },
  { "sms", "stored", KEY_SPECIAL, 0 },
  { "commands", "unsupported", KEY_SPECIAL, 0 },
  { "commands", "cops-scan-delay-ms", KEY_UINT, OFF (cops_scan_delay_ms) },
};

static const char *const registration_names[] = { "idle", "home", "searching", "denied", "unknown", "roaming", NULL };

static const struct {
  const char *name;
  guint act;
} technologies[] = {
  { "gsm", 0 }, { "umts", 2 }, { "edge", 3 }, { "gprs", 0 }, { "hsdpa", 4 }, { "hsupa", 5 },
  { "hspa", 6 }, { "lte", 7 }, { "5gnr", 11 },
};

gboolean
ms_parse_registration (const char *text, MsRegistration *out)
{
  for (guint i = 0; registration_names[i]; i++) {
    if (g_strcmp0 (text, registration_names[i]) == 0) {
      *out = (MsRegistration) i;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
ms_parse_technology (const char *text, guint *out_act)
{
  for (guint i = 0; i < G_N_ELEMENTS (technologies); i++) {
    if (g_strcmp0 (text, technologies[i].name) == 0) {
      *out_act = technologies[i].act;
      return TRUE;
    }
  }
  return FALSE;
}

static gboolean
bad_value (GError **error, const char *group, const char *key, const char *value)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "[%s] %s: invalid value '%s'",
               group, key, value);
  return FALSE;
}

/* "26201:Telekom.de:TDG:lte:current" */
static gboolean
load_operator (MsModel *model, const char *entry, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (entry, ":", -1);
  MsOperator *op;
  guint act;

  if (g_strv_length (parts) != 5 || !ms_parse_technology (parts[3], &act))
    return bad_value (error, "operators", "available", entry);
  op = g_new0 (MsOperator, 1);
  op->code = g_strdup (parts[0]);
  op->long_name = g_strdup (parts[1]);
  op->short_name = g_strdup (parts[2]);
  op->act = act;
  if (g_str_equal (parts[4], "current"))
    op->status = 2;
  else if (g_str_equal (parts[4], "forbidden"))
    op->status = 3;
  else if (g_str_equal (parts[4], "available"))
    op->status = 1;
  else {
    g_free (op->code);
    g_free (op->long_name);
    g_free (op->short_name);
    g_free (op);
    return bad_value (error, "operators", "available", entry);
  }
  g_ptr_array_add (model->operators, op);
  return TRUE;
}

static gboolean
load_special (MsModel *model, GKeyFile *file, const KeyInfo *info, GError **error)
{
  g_autofree char *value = g_key_file_get_string (file, info->group, info->key, NULL);
  g_auto (GStrv) list = g_key_file_get_string_list (file, info->group, info->key, NULL, NULL);

  if (g_str_equal (info->key, "registration"))
    return ms_parse_registration (value, &model->registration) || bad_value (error, info->group, info->key, value);
  if (g_str_equal (info->key, "access-technology"))
    return ms_parse_technology (value, &model->act) || bad_value (error, info->group, info->key, value);
  for (guint i = 0; list && list[i]; i++) {
    if (!*list[i])
      continue;
    if (g_str_equal (info->key, "available") && !load_operator (model, list[i], error))
      return FALSE;
    if (g_str_equal (info->key, "stored"))
      g_ptr_array_add (model->sms, g_strdup (list[i]));
    if (g_str_equal (info->key, "unsupported"))
      g_hash_table_add (model->unsupported, g_ascii_strup (list[i], -1));
  }
  return TRUE;
}

static gboolean
load_key (MsModel *model, GKeyFile *file, const KeyInfo *info, GError **error)
{
  gpointer field = G_STRUCT_MEMBER_P (model, info->offset);
  g_autofree char *text = g_key_file_get_string (file, info->group, info->key, NULL);
  guint64 number;

  switch (info->kind) {
  case KEY_STRING:
    g_free (*(char **) field);
    *(char **) field = g_steal_pointer (&text);
    return TRUE;
  case KEY_UINT:
    if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &number, NULL))
      return bad_value (error, info->group, info->key, text);
    *(guint *) field = (guint) number;
    return TRUE;
  case KEY_BOOL:
    if (g_strcmp0 (text, "true") != 0 && g_strcmp0 (text, "false") != 0)
      return bad_value (error, info->group, info->key, text);
    *(gboolean *) field = g_str_equal (text, "true");
    return TRUE;
  case KEY_LIST:
    g_strfreev (*(GStrv *) field);
    *(GStrv *) field = g_key_file_get_string_list (file, info->group, info->key, NULL, NULL);
    return TRUE;
  case KEY_SPECIAL:
    return load_special (model, file, info, error);
  }
  return FALSE;
}

static const KeyInfo *
find_key (const char *group, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (g_str_equal (keys[i].group, group) && g_str_equal (keys[i].key, key))
      return &keys[i];
  }
  return NULL;
}

gboolean
ms_scenario_load (MsModel *model, const char *path, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto (GStrv) groups = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;
  groups = g_key_file_get_groups (file, NULL);
  for (guint g = 0; groups[g]; g++) {
    g_auto (GStrv) names = g_key_file_get_keys (file, groups[g], NULL, NULL);

    for (guint k = 0; names && names[k]; k++) {
      const KeyInfo *info = find_key (groups[g], names[k]);

      if (!info) {
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND, "%s: unknown key [%s] %s",
                     path, groups[g], names[k]);
        return FALSE;
      }
      if (!load_key (model, file, info, error))
        return FALSE;
    }
  }
  if (model->sim_present && model->pin_enabled)
    model->lock = model->pin_retries ? MS_LOCK_PIN : MS_LOCK_PUK;
  if (!model->own_numbers)
    model->own_numbers = g_new0 (char *, 1);
  return TRUE;
}
