/*
 * Table rows (table_rows.c), as table.c streams them: the column grid,
 * cells laid out in a row, rows joined by a spanning cell into a group,
 * collapsed borders resolved between neighbours, and the group made one
 * box.  Internal to layout; table.c is its one user.
 */
#ifndef RP_LAYOUT_TABLE_ROWS_H
#define RP_LAYOUT_TABLE_ROWS_H

#include "layout_internal.h"

struct table_grid {
    size_t n_cols;
    double *col_x; /* left edge of each column, from the flow origin */
    double *col_w;
};

/* A cell laid out: its content piled up, and what drawing it needs. */
struct cell_layout {
    size_t row;    /* index of its first row in the group */
    size_t rows;   /* rows it spans */
    double x, w;   /* its slot in the grid, from the flow origin */
    double height; /* content plus insets: what it needs */
    double inset_top, inset_bottom;
    /* Collapsed: its padding before and after, and the border on its top
     * edge as its row, part and (first row) table give it: the row's
     * height holds half the winner with what meets it from above. */
    double pad_top, pad_bottom;
    struct rp_fo_border edge_top;
    double lead_inset_top; /* inset_top first on a page, under the header */
    struct rp_fo_border top_drawn; /* on its top edge, resolved */
    int display_align;
    struct rp_fo_border border[4];
    struct rp_fo_color background;
    bool has_left, has_right; /* a neighbour shares that edge */
    struct rp_fo_border left_neighbour, right_neighbour;
    struct rp_stacker content;
};

struct row_layout {
    double height;
    double min_height;
    struct rp_fo_color background;
    bool keep_with_previous;
    bool keep_with_next;
    bool keep_together;
};

/* Rows joined by a cell spanning several of them: one unbreakable box. */
struct row_group {
    struct row_layout *rows;
    size_t n_rows, cap_rows;
    struct cell_layout *cells;
    size_t n_cells, cap_cells;
    /* The markers of its cells, in document order: the paginator sees
     * the group's box, not the boxes inside its cells. */
    struct rp_marker_list *markers;
    /* The ids of its rows, cells and what they hold, and of the part
     * it starts: citation targets and destinations at the group's box. */
    struct rp_id_mark *ids;
};

/*
 * Collapsed borders that fall on a row's outer edges besides its own:
 * those of its part (header, footer, body) and of the table.  Of equal
 * borders the cell's wins, then the row's, the part's, the table's.
 */
struct row_frame {
    struct rp_fo_border part[4];
    struct rp_fo_color part_background; /* under rows that have none */
    bool part_top;                      /* the part's first row */
    bool table_top;      /* the table's first row (header, or body) */
    const char *part_id; /* the part's id, or NULL */
};

/* The columns a row's cells may not use: spans from rows above. */
struct span_map {
    size_t *rows_left; /* per column */
    size_t n;
};

/* A border's width as drawn: none is 0. */
double rp_table_border_width(const struct rp_fo_border *b);

/* The columns a materialised row's cells take, spans counted. */
size_t rp_table_cells_in_row(const struct rp_fo_node *row);

/*
 * Fixed and percentage columns take their width; proportional and
 * unspecified columns share what is left, as FOP does for fixed layout.
 */
void rp_table_grid_init(struct table_grid *grid, struct rp_flow *flow,
                        long table_line, const struct rp_fo_length *specs,
                        size_t n_specs, size_t first_row, double x,
                        double table_width);

/* Frees what rp_table_grid_init() allocated; the struct is the caller's. */
void rp_table_grid_release(struct table_grid *grid);

/*
 * Collapsed borders: of two borders meeting on one grid line, the wider
 * wins, then the stronger style; on a tie the first (left or upper) wins.
 */
struct rp_fo_border rp_table_resolve_border(struct rp_fo_border first,
                                            struct rp_fo_border second);

/* Whether two borders draw alike. */
bool rp_table_same_border(const struct rp_fo_border *a,
                          const struct rp_fo_border *b);

/*
 * Lays a row's cells out into group, in the columns spans leaves free,
 * with the part's and table's borders of frame; row stays the caller's.
 */
enum rp_status
rp_table_layout_cells(struct rp_flow *flow, const struct table_grid *grid,
                      const struct rp_fo_props *table, struct rp_fo_node *row,
                      const struct row_frame *frame, struct span_map *spans,
                      struct row_group *group, struct rp_error *err);

/* Whether a cell still spans rows below: the group goes on. */
bool rp_table_spans_open(const struct span_map *spans);

/* Empties group for the next rows, freeing what it held. */
void rp_table_group_release(struct row_group *group);

/*
 * Row heights, then backgrounds, content and borders: one box, the
 * caller's; group is emptied.  Collapsed, each row holds half the border
 * that wins on each of its edges (XSL 1.1 §6.7.x, as FOP).  above: the
 * bottom borders of the row before, by column (NULL: none), and held
 * what that row holds of them (below 0: no row before, as above the
 * table's or a footer's first row), both updated to this group's.  lead,
 * lead_held (NULL: none): the same for a single row first on a page, under the
 * repeated header (the header's bottom borders).  gap (NULL: the group's
 * first row holds it above its cells): how much the row before must grow
 * to hold its half of the borders on the group's top grid line, as FOP's
 * rows do (rp_table_row_grow).
 */
struct rp_box *rp_table_group_box(struct row_group *group,
                                  const struct table_grid *grid,
                                  const struct rp_fo_props *table,
                                  struct rp_fo_border *above, double *held,
                                  const struct rp_fo_border *lead,
                                  const double *lead_held, double *gap);

/*
 * Grows the last row of a group's box (rp_table_group_box) by dh at its
 * bottom: its cells that end there, its band and the box; not yet
 * placed on a page.
 */
void rp_table_row_grow(struct rp_box *box, double dh);

#endif
