#!/usr/bin/perl
# DocBook documents for bench/fop-compare.sh, each exercising what real
# documents use: an index (two columns), footnotes, tables with spans, and
# text in French and German (hyphenation, accents).  Deterministic: the
# same document every run.
# usage: bench/docbook/gen.pl index|footnotes|tables|fr|de > DOC.xml
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';

my $kind = shift // die "usage: $0 index|footnotes|tables|fr|de\n";
my $seed = 42;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; $seed % $_[0] }

my %words = (
    en => [qw(account renewal service level escalation ticket customer
              priority response resolution quarter region support team
              contract release regression mitigation backlog owner review
              program budget milestone staffing module category plan risk
              report)],
    fr => [qw(compte renouvellement service niveau escalade ticket client
              priorité réponse résolution trimestre région assistance équipe
              contrat version régression atténuation arriéré responsable
              revue programme budget jalon effectifs module catégorie plan
              risque rapport déploiement satisfaction fiabilité)],
    de => [qw(Konto Verlängerung Dienstleistung Servicestufe Eskalation
              Ticket Kunde Priorität Reaktionszeit Lösung Quartal Region
              Unterstützung Mannschaft Vertrag Auslieferung Regression
              Schadensbegrenzung Rückstand Verantwortlicher Überprüfung
              Programm Budget Meilenstein Personalausstattung Modul Kategorie
              Plan Risiko Bericht Kundenzufriedenheitsumfrage
              Betriebsvereinbarung)],
);

sub sentence {
    my ($lang, $n) = @_;
    my $w = $words{$lang};
    my @s = map { $w->[rnd(scalar @$w)] } 1 .. $n;
    $s[0] = ucfirst $s[0];
    return join(' ', @s) . '.';
}

sub para {
    my ($lang, $sentences, $extra) = @_;
    my @s = map { sentence($lang, 8 + rnd(10)) } 1 .. $sentences;
    splice @s, 1, 0, $extra if defined $extra;
    return '<para>' . join(' ', @s) . "</para>\n";
}

my %lang_title = (
    fr => ['Revue annuelle du client', 'Résumé', 'Chiffres', 'Plan pour l’année prochaine'],
    de => ['Jährliche Kundenüberprüfung', 'Zusammenfassung', 'Kennzahlen', 'Plan für das nächste Jahr'],
);

print qq{<?xml version="1.0" encoding="UTF-8"?>\n};
if ($kind eq 'index') {
    print qq{<book lang="en"><bookinfo><title>Program Reference</title></bookinfo>\n};
    my @terms = map { $words{en}[$_] } 0 .. $#{$words{en}};
    for my $c (1 .. 4) {
        print qq{<chapter id="c$c"><title>Chapter $c</title>\n};
        for my $s (1 .. 3) {
            print qq{<section id="c${c}s$s"><title>Section $c.$s</title>\n};
            for (1 .. 4) {
                my $t = $terms[rnd(scalar @terms)];
                my $t2 = $terms[rnd(scalar @terms)];
                print para('en', 4,
                    "<indexterm><primary>$t</primary></indexterm>"
                    . "<indexterm><primary>$t</primary><secondary>$t2</secondary></indexterm>"
                    . ucfirst($t) . " and $t2 matter.");
            }
            print "</section>\n";
        }
        print "</chapter>\n";
    }
    print "<index/>\n</book>\n";
} elsif ($kind eq 'footnotes') {
    print qq{<article lang="en"><articleinfo><title>Notes on the Support Year</title></articleinfo>\n};
    for my $s (1 .. 6) {
        print qq{<section id="s$s"><title>Part $s</title>\n};
        for my $p (1 .. 4) {
            my $note = "<footnote><para>" . sentence('en', 10 + rnd(20))
                . ($p % 2 ? ' ' . sentence('en', 20) : '') . "</para></footnote>";
            print para('en', 4, "See the ticket export.$note");
        }
        print "</section>\n";
    }
    print "</article>\n";
} elsif ($kind eq 'tables') {
    print qq{<article lang="en"><articleinfo><title>Service Tables</title></articleinfo>\n};
    for my $t (1 .. 6) {
        print qq{<section id="t$t"><title>Region $t</title>\n}, para('en', 3);
        print qq{<table frame="all"><title>Tickets in region $t</title>\n},
            qq{<tgroup cols="5"><colspec colname="c1" colwidth="2*"/><colspec colname="c2"/>},
            qq{<colspec colname="c3"/><colspec colname="c4"/><colspec colname="c5"/>\n},
            qq{<thead><row><entry morerows="1">Priority</entry>},
            qq{<entry namest="c2" nameend="c3" align="center">Response</entry>},
            qq{<entry namest="c4" nameend="c5" align="center">Resolution</entry></row>\n},
            qq{<row><entry>Met</entry><entry>Missed</entry><entry>Met</entry><entry>Missed</entry></row></thead>\n<tbody>\n};
        for my $r (1 .. 12) {
            if ($r % 5 == 0) {
                print qq{<row><entry namest="c1" nameend="c5">},
                    sentence('en', 12), "</entry></row>\n";
            } elsif ($r % 4 == 1) {
                printf qq{<row><entry morerows="1">P%d %s</entry><entry>%d</entry><entry>%d</entry><entry>%d</entry><entry>%d</entry></row>\n},
                    $r, $words{en}[rnd(30)], rnd(900), rnd(90), rnd(900), rnd(90);
                $r++;
                printf qq{<row><entry>%d</entry><entry>%d</entry><entry>%d</entry><entry>%d</entry></row>\n},
                    rnd(900), rnd(90), rnd(900), rnd(90);
            } else {
                printf qq{<row><entry>P%d %s</entry><entry>%d</entry><entry>%d</entry><entry>%d</entry><entry>%d</entry></row>\n},
                    $r, $words{en}[rnd(30)], rnd(900), rnd(90), rnd(900), rnd(90);
            }
        }
        print "</tbody></tgroup></table>\n", para('en', 2), "</section>\n";
    }
    print "</article>\n";
} elsif ($kind eq 'fr' || $kind eq 'de') {
    my ($title, @sections) = @{$lang_title{$kind}};
    print qq{<article lang="$kind"><articleinfo><title>$title</title>},
        qq{<author><firstname>Zoë</firstname><surname>Größer</surname></author></articleinfo>\n};
    my $i = 0;
    for my $s (@sections) {
        $i++;
        print qq{<section id="s$i"><title>$s</title>\n};
        print para($kind, 6) for 1 .. 5;
        print qq{<itemizedlist>}, (map { '<listitem>' . para($kind, 1) . '</listitem>' } 1 .. 3),
            "</itemizedlist>\n";
        print "</section>\n";
    }
    print "</article>\n";
} else {
    die "$0: unknown kind '$kind'\n";
}
