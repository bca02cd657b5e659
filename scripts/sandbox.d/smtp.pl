#!/usr/bin/perl
# Minimal SMTP client for the qctl sandbox (loopback only). Uses only perl-base modules.
#
#   smtp.pl send --port P --from ADDR --to ADDR [--to ADDR ...] [--smtputf8] [--pad-to BYTES] FILE
#       Sends FILE (RFC 5322 message, LF or CRLF) as one message. A Date: header is added when
#       missing; --pad-to appends deterministic text lines until the message has BYTES bytes.
#       Prints the queue id from the server's 250 reply.
#   smtp.pl bulk --port P --count N [--conns C] [--tag TAG] [--auth USER:PASS] [--bind ADDR]
#       Sends N small messages to remote test domains over C parallel connections, pipelining
#       MAIL/RCPT/DATA. Prints the number sent. --auth logs in with AUTH PLAIN first, --bind
#       connects from that local address (127.0.0.2, ...: a client of its own).
#
# Exit 1 with a one-line message on stderr on any SMTP or connection error.
use strict;
use warnings;
use IO::Socket::INET;
use Getopt::Long qw(GetOptionsFromArray);
use POSIX qw(strftime _exit);

my $HOST = '127.0.0.1';

sub fail { my ($m) = @_; $m =~ s/[\r\n]+/ /g; print STDERR "sandbox: error: smtp: $m\n"; exit 1; }

# base64 without MIME::Base64 (not in perl-base)
sub b64 {
    my ($s) = @_;
    my @c = ('A' .. 'Z', 'a' .. 'z', '0' .. '9', '+', '/');
    my ($out, $bits) = ('', unpack('B*', $s));
    while ($bits =~ /(.{1,6})/g) { my $b = $1; $b .= '0' x (6 - length $b); $out .= $c[oct("0b$b")]; }
    return $out . ('=' x ((4 - length($out) % 4) % 4));
}

sub connect_smtp {
    my ($port, $utf8_needed, $bind, $auth) = @_;
    my $s = IO::Socket::INET->new(PeerAddr => $HOST, PeerPort => $port, Proto => 'tcp', Timeout => 30,
        ($bind ? (LocalAddr => $bind) : ()))
        or fail("cannot connect to $HOST:$port: $!");
    binmode $s;
    $s->autoflush(1);
    my $c = { sock => $s, port => $port };
    expect($c, 220, 'greeting');
    sendraw($c, "EHLO client.sandbox.qctl.test\r\n");
    my ($code, $text) = reply($c);
    fail("EHLO on port $port: $code $text") unless $code == 250;
    $c->{pipelining} = ($text =~ /^PIPELINING\b/mi) ? 1 : 0;
    $c->{smtputf8}   = ($text =~ /^SMTPUTF8\b/mi)   ? 1 : 0;
    fail("server on port $port does not offer SMTPUTF8") if $utf8_needed && !$c->{smtputf8};
    if ($auth) {
        my ($user, $pass) = split /:/, $auth, 2;
        sendraw($c, 'AUTH PLAIN ' . b64("\0$user\0$pass") . "\r\n");
        expect($c, 235, "AUTH PLAIN as $user");
    }
    return $c;
}

sub sendraw { my ($c, $d) = @_; print { $c->{sock} } $d or fail("write to port $c->{port}: $!"); }

# Reads one (possibly multi-line) reply; returns (code, text-with-newlines).
sub reply {
    my ($c) = @_;
    my ($code, @lines);
    while (1) {
        my $l = readline($c->{sock});
        fail("connection to port $c->{port} closed unexpectedly") unless defined $l;
        $l =~ s/\r?\n\z//;
        fail("bad reply from port $c->{port}: $l") unless $l =~ /^(\d{3})([ -])(.*)$/;
        $code = $1;
        push @lines, $3;
        last if $2 eq ' ';
    }
    return ($code, join("\n", @lines));
}

sub expect {
    my ($c, $want, $what) = @_;
    my ($code, $text) = reply($c);
    fail("$what on port $c->{port}: expected $want, got $code $text") unless $code == $want;
    return $text;
}

sub quit { my ($c) = @_; sendraw($c, "QUIT\r\n"); eval { reply($c) }; close $c->{sock}; }

sub to_wire {
    my ($msg) = @_;
    $msg =~ s/\r?\n/\r\n/g;
    $msg .= "\r\n" unless $msg =~ /\r\n\z/;
    $msg =~ s/^\./../mg;
    return $msg . ".\r\n";
}

# One transaction; returns the queue id (or the whole reply text when no id is recognisable).
sub transaction {
    my ($c, $from, $rcpts, $data, $utf8) = @_;
    my $mail = "MAIL FROM:<$from>" . ($utf8 ? ' SMTPUTF8' : '') . "\r\n";
    my @cmds = ($mail, (map { "RCPT TO:<$_>\r\n" } @$rcpts), "DATA\r\n");
    if ($c->{pipelining}) {
        sendraw($c, join('', @cmds));
        expect($c, 250, "MAIL FROM:<$from>");
        expect($c, 250, "RCPT TO:<$_>") for @$rcpts;
        expect($c, 354, 'DATA');
    } else {
        sendraw($c, $cmds[0]); expect($c, 250, "MAIL FROM:<$from>");
        for my $r (@$rcpts) { sendraw($c, "RCPT TO:<$r>\r\n"); expect($c, 250, "RCPT TO:<$r>"); }
        sendraw($c, "DATA\r\n"); expect($c, 354, 'DATA');
    }
    sendraw($c, $data);
    my $t = expect($c, 250, 'end of data');
    return $1 if $t =~ /queued as ([0-9A-Za-z]+)/;   # Postfix
    return $1 if $t =~ /\bid=([0-9A-Za-z-]+)/;       # Exim
    return $t;
}

sub rfc_date { local $ENV{LC_ALL} = 'C'; return strftime('%a, %d %b %Y %H:%M:%S +0000', gmtime()); }

sub cmd_send {
    my @args = @_;
    my ($port, $from, @to, $utf8, $pad);
    GetOptionsFromArray(\@args, 'port=i' => \$port, 'from=s' => \$from, 'to=s' => \@to,
        'smtputf8' => \$utf8, 'pad-to=i' => \$pad) or fail('bad options for send');
    fail('send needs --port, --from (may be empty), --to and FILE') unless $port && defined $from && @to && @args == 1;
    my $file = $args[0];
    open(my $fh, '<:raw', $file) or fail("cannot read $file: $!");
    my $msg = do { local $/; <$fh> };
    close $fh;
    $msg =~ s/\r\n/\n/g;
    $msg = 'Date: ' . rfc_date() . "\n" . $msg unless $msg =~ /^Date:/mi;
    if ($pad) {
        $msg .= "\n" unless $msg =~ /\n\z/;
        my $n = 0;
        my $filler = 'The quick brown fox jumps over the lazy dog while the queue keeps this message deferred.';
        while (length($msg) < $pad) {
            $n++;
            my $line = sprintf("%07d %s\n", $n, $filler);
            my $room = $pad - length($msg);
            $line = substr($line, 0, $room - 1) . "\n" if length($line) > $room;
            $line = "\n" if $room < 2;
            $msg .= $line;
        }
    }
    my $c = connect_smtp($port, $utf8);
    my $id = transaction($c, $from, \@to, to_wire($msg), $utf8);
    quit($c);
    print "$id\n";
}

sub cmd_bulk {
    my @args = @_;
    my ($port, $count, $conns, $tag, $auth, $bind) = (undef, undef, 8, 'bulk', undef, undef);
    GetOptionsFromArray(\@args, 'port=i' => \$port, 'count=i' => \$count, 'conns=i' => \$conns,
        'tag=s' => \$tag, 'auth=s' => \$auth, 'bind=s' => \$bind) or fail('bad options for bulk');
    fail('bulk needs --port and --count') unless $port && defined $count && $count >= 0;
    $conns = 1 if $conns < 1;
    $conns = $count if $count < $conns && $count > 0;
    my @domains = qw(example.com example.net example.org);
    my $date = rfc_date();
    my $per_conn_max = 500;    # Exim: smtp_accept_max_per_connection defaults to 1000
    my %kids;
    for my $k (0 .. $conns - 1) {
        my $pid = fork();
        fail("fork: $!") unless defined $pid;
        if ($pid) { $kids{$pid} = $k; next; }
        my $ok = eval {
            my $c;
            my $in_conn = 0;
            for (my $i = $k; $i < $count; $i += $conns) {
                if (!$c || $in_conn >= $per_conn_max) { quit($c) if $c; $c = connect_smtp($port, 0, $bind, $auth); $in_conn = 0; }
                my $n = $i + 1;
                my $d = $domains[$i % @domains];
                my $rcpt = sprintf('user%06d@%s', $n, $d);
                my $from = sprintf('%s-sender%02d@example.org', $tag, $i % 50);
                my $msg = "Date: $date\nFrom: <$from>\nTo: <$rcpt>\n"
                    . "Subject: qctl $tag $n\nMessage-ID: <qctl-$tag-$n.$$\@sandbox.qctl.test>\n"
                    . "X-Qctl-Bulk: $n\n\n"
                    . "Bulk message $n of $count for qctl benchmarks.\n"
                    . ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n" x 8);
                transaction($c, $from, [$rcpt], to_wire($msg), 0);
                $in_conn++;
            }
            quit($c) if $c;
            1;
        };
        _exit($ok ? 0 : 1);
    }
    my $bad = 0;
    while (%kids) {
        my $pid = wait();
        last if $pid < 0;
        $bad++ if $? != 0;
        delete $kids{$pid};
    }
    fail("$bad of $conns connections failed") if $bad;
    print "$count\n";
}

my $cmd = shift @ARGV // '';
if ($cmd eq 'send') { cmd_send(@ARGV); }
elsif ($cmd eq 'bulk') { cmd_bulk(@ARGV); }
else { fail('usage: smtp.pl send|bulk ...'); }
