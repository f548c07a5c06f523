/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Prints the gate's rules as tab-separated lines: interface, method, polkit
 * action ("-" for none), "implemented" or "unsupported". data/check-data.py
 * compares them with the polkit policy. */
#include <stdio.h>

#include "md-dbus-gate.h"

int
main (void)
{
  for (const MdDbusGateTable *table = md_dbus_gate_tables (); table->interface; table++) {
    for (const MdDbusGateRule *rule = table->rules; rule->method; rule++)
      printf ("%s\t%s\t%s\t%s\n", table->interface, rule->method, rule->action ? rule->action : "-",
              rule->implemented ? "implemented" : "unsupported");
  }
  return 0;
}
