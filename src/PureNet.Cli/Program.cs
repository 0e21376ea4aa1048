using PureNet.Cli;

return Cli.Run(args, Terminal.Standard());
