/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A SIM card as the modem sees it: identifiers and operator, published as
 * /org/freedesktop/ModemManager1/SIM/N. PIN handling goes through the
 * modem's SIM ops; this object only holds what was read. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MD_TYPE_SIM (md_sim_get_type ())
G_DECLARE_FINAL_TYPE (MdSim, md_sim, MD, SIM, GObject)

typedef struct {
  char *identifier; /* ICCID */
  char *imsi;
  char *operator_identifier; /* MCC+MNC of the home network */
  char *operator_name;       /* SPN */
  GStrv emergency_numbers;
} MdSimInfo;

void md_sim_info_free (MdSimInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSimInfo, md_sim_info_free)

/* id: the N of SIM/N, never reused while the daemon runs. */
MdSim *md_sim_new (guint id, const char *log_name);
guint md_sim_get_id (MdSim *self);
const MdSimInfo *md_sim_get_info (MdSim *self);
/* Takes info; emits "changed". */
void md_sim_take_info (MdSim *self, MdSimInfo *info);
gboolean md_sim_get_active (MdSim *self);
void md_sim_set_active (MdSim *self, gboolean active);

G_END_DECLS
