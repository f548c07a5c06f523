/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdSim: the values read from a SIM card, with a "changed" signal the D-Bus
 * layer follows. */
#include "md-sim.h"

#include "md-log.h"

struct _MdSim {
  GObject parent;
  guint id;
  char *log_name;
  MdSimInfo *info;
  gboolean active;
};

enum { SIGNAL_CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MdSim, md_sim, G_TYPE_OBJECT)

void
md_sim_info_free (MdSimInfo *info)
{
  if (!info)
    return;
  g_free (info->identifier);
  g_free (info->imsi);
  g_free (info->operator_identifier);
  g_free (info->operator_name);
  g_strfreev (info->emergency_numbers);
  g_free (info);
}

static void
md_sim_init (MdSim *self)
{
  self->info = g_new0 (MdSimInfo, 1);
  self->active = TRUE;
}

static void
md_sim_finalize (GObject *object)
{
  MdSim *self = MD_SIM (object);

  md_sim_info_free (self->info);
  g_free (self->log_name);
  G_OBJECT_CLASS (md_sim_parent_class)->finalize (object);
}

static void
md_sim_class_init (MdSimClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_sim_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 0);
}

MdSim *
md_sim_new (guint id, const char *log_name)
{
  MdSim *self = g_object_new (MD_TYPE_SIM, NULL);

  self->id = id;
  self->log_name = g_strdup (log_name);
  return self;
}

guint
md_sim_get_id (MdSim *self)
{
  return self->id;
}

const MdSimInfo *
md_sim_get_info (MdSim *self)
{
  return self->info;
}

void
md_sim_take_info (MdSim *self, MdSimInfo *info)
{
  md_sim_info_free (self->info);
  self->info = info;
  md_log_info (self->log_name, "SIM: ICCID %s, IMSI %s, operator %s '%s'", md_log_personal (info->identifier),
               md_log_personal (info->imsi),
               info->operator_identifier ? info->operator_identifier : "unknown",
               info->operator_name ? info->operator_name : "");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
md_sim_get_active (MdSim *self)
{
  return self->active;
}

void
md_sim_set_active (MdSim *self, gboolean active)
{
  if (self->active == active)
    return;
  self->active = active;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
