pageSheet = url("import.css");
