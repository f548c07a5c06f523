/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SetCurrentModes and SetCurrentBands flows through fake ops: the
 * supported sets loaded at initialization, ANY expanded, a combination or
 * band the modem lacks refused without reaching the op, an op's error
 * leaving the current values as they were, success updating them. */
#include "md-errors.h"
#include "md-modem-bands.h"
#include "md-modem-init.h"
#include "md-modem-modes.h"

static const guint32 supported_bands[]
  = { MD_MODEM_BAND_EGSM, MD_MODEM_BAND_UTRAN_1, MD_MODEM_BAND_EUTRAN_3, MD_MODEM_BAND_EUTRAN_20 };

/* What the fake ops were last asked, and whether they fail. */
static struct {
  guint calls;
  MdModeCombination modes;
  GArray *bands;
  gboolean fail;
} fake;

static void
fake_setup (MdModem *modem, GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_supported_modes (MdModem *modem, GTask *task)
{
  GArray *modes = g_array_new (FALSE, FALSE, sizeof (MdModeCombination));
  MdModeCombination all = { MD_MODEM_MODE_2G | MD_MODEM_MODE_3G | MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE };
  MdModeCombination lte = { MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE };

  g_array_append_val (modes, all);
  g_array_append_val (modes, lte);
  g_task_return_pointer (task, modes, (GDestroyNotify)g_array_unref);
  g_object_unref (task);
}

static void
fake_supported_bands (MdModem *modem, GTask *task)
{
  GArray *bands = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_array_append_vals (bands, supported_bands, G_N_ELEMENTS (supported_bands));
  g_task_return_pointer (task, bands, (GDestroyNotify)g_array_unref);
  g_object_unref (task);
}

static void
answer (GTask *task)
{
  fake.calls++;
  if (fake.fail)
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "refused");
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fake_set_modes (MdModem *modem, const MdModeCombination *modes, GTask *task)
{
  fake.modes = *modes;
  answer (task);
}

static void
fake_set_bands (MdModem *modem, GArray *bands, GTask *task)
{
  g_clear_pointer (&fake.bands, g_array_unref);
  fake.bands = g_array_ref (bands);
  answer (task);
}

static const MdModemInitOps init_ops = { .setup = fake_setup, .load_supported_modes = fake_supported_modes };
static const MdModemPowerOps power_ops = { .set_current_modes = fake_set_modes };
static const MdModemBandsOps bands_ops
  = { .load_supported_bands = fake_supported_bands, .set_current_bands = fake_set_bands };
static const MdModemOps ops = { .init = &init_ops, .power = &power_ops, .bands = &bands_ops };

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (!*slot)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static MdModem *
ready_modem (void)
{
  MdModem *modem = md_modem_new (1, "uid", "test", NULL, &ops);
  g_autoptr (GAsyncResult) result = NULL;

  memset (&fake, 0, sizeof fake);
  md_modem_initialize_async (modem, NULL, store_result, &result);
  g_assert_true (md_modem_initialize_finish (modem, wait_result (&result), NULL));
  g_assert_cmpint (md_modem_get_state (modem), ==, MD_MODEM_STATE_DISABLED);
  return modem;
}

static gboolean
set_modes (MdModem *modem, guint32 allowed, guint32 preferred, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  MdModeCombination modes = { allowed, preferred };

  md_modem_set_current_modes_async (modem, &modes, NULL, store_result, &result);
  return md_modem_set_current_modes_finish (modem, wait_result (&result), error);
}

static gboolean
set_bands (MdModem *modem, const guint32 *bands, guint n, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GArray) array = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_array_append_vals (array, bands, n);
  md_modem_set_current_bands_async (modem, array, NULL, store_result, &result);
  return md_modem_set_current_bands_finish (modem, wait_result (&result), error);
}

static void
test_modes (void)
{
  g_autoptr (MdModem) modem = ready_modem ();
  g_autoptr (GError) error = NULL;
  const guint32 all = MD_MODEM_MODE_2G | MD_MODEM_MODE_3G | MD_MODEM_MODE_4G;

  g_assert_cmpuint (md_modem_get_current_modes (modem)->allowed, ==, all);
  g_assert_true (set_modes (modem, MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE, &error));
  g_assert_cmpuint (fake.modes.allowed, ==, MD_MODEM_MODE_4G);
  g_assert_cmpuint (md_modem_get_current_modes (modem)->allowed, ==, MD_MODEM_MODE_4G);
  /* ANY is the widest supported combination. */
  g_assert_true (set_modes (modem, MD_MODEM_MODE_ANY, MD_MODEM_MODE_NONE, &error));
  g_assert_cmpuint (fake.modes.allowed, ==, all);
  /* Not a supported combination: the op is not asked. */
  g_assert_false (set_modes (modem, MD_MODEM_MODE_3G, MD_MODEM_MODE_NONE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (set_modes (modem, all, MD_MODEM_MODE_4G, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_cmpuint (fake.calls, ==, 2);
  /* The modem refuses: nothing changes. */
  fake.fail = TRUE;
  g_assert_false (set_modes (modem, MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_cmpuint (md_modem_get_current_modes (modem)->allowed, ==, all);
}

static void
test_bands (void)
{
  g_autoptr (MdModem) modem = ready_modem ();
  g_autoptr (GError) error = NULL;
  const guint32 lte[] = { MD_MODEM_BAND_EUTRAN_3, MD_MODEM_BAND_EUTRAN_20 };
  const guint32 any[] = { MD_MODEM_BAND_ANY };
  const guint32 missing[] = { MD_MODEM_BAND_EUTRAN_3, MD_MODEM_BAND_EUTRAN_7 };

  g_assert_cmpuint (md_modem_get_supported_bands (modem)->len, ==, G_N_ELEMENTS (supported_bands));
  /* Until the modem says otherwise, every supported band is in use. */
  g_assert_cmpuint (md_modem_get_current_bands (modem)->len, ==, G_N_ELEMENTS (supported_bands));
  g_assert_true (set_bands (modem, lte, G_N_ELEMENTS (lte), &error));
  g_assert_cmpuint (fake.bands->len, ==, 2);
  g_assert_cmpuint (md_modem_get_current_bands (modem)->len, ==, 2);
  g_assert_cmpuint (g_array_index (md_modem_get_current_bands (modem), guint32, 1), ==,
                    MD_MODEM_BAND_EUTRAN_20);
  g_assert_true (set_bands (modem, any, 1, &error));
  g_assert_cmpuint (fake.bands->len, ==, G_N_ELEMENTS (supported_bands));
  g_assert_false (set_bands (modem, missing, G_N_ELEMENTS (missing), &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_cmpuint (fake.calls, ==, 2);
  fake.fail = TRUE;
  g_assert_false (set_bands (modem, lte, G_N_ELEMENTS (lte), &error));
  g_assert_cmpuint (md_modem_get_current_bands (modem)->len, ==, G_N_ELEMENTS (supported_bands));
  g_clear_pointer (&fake.bands, g_array_unref);
}

static void
test_no_ops (void)
{
  static const MdModemOps bare = { .init = &init_ops };
  g_autoptr (MdModem) modem = md_modem_new (2, "uid2", "test", NULL, &bare);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const guint32 any[] = { MD_MODEM_BAND_ANY };

  md_modem_initialize_async (modem, NULL, store_result, &result);
  g_assert_true (md_modem_initialize_finish (modem, wait_result (&result), NULL));
  g_assert_false (set_modes (modem, MD_MODEM_MODE_ANY, MD_MODEM_MODE_NONE, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (set_bands (modem, any, 1, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem-radio/modes", test_modes);
  g_test_add_func ("/modem-radio/bands", test_bands);
  g_test_add_func ("/modem-radio/no-ops", test_no_ops);
  return g_test_run ();
}
